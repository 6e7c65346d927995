import Foundation

/// Runs the built `knotbot` binary the way a person or a script would.
enum Knotbot {
    struct Result {
        var stdout: String
        var stderr: String
        var status: Int32
    }

    static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The binary built next to the test bundle.
    static let binary: URL = {
        let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for folder in [beside, beside.deletingLastPathComponent(), repository.appendingPathComponent(".build/debug")] {
            let candidate = folder.appendingPathComponent("knotbot")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        return repository.appendingPathComponent(".build/debug/knotbot")
    }()

    static func temporaryFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("knotbot-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    static func copyOfIntents() throws -> URL {
        let folder = try temporaryFolder().appendingPathComponent("Intents")
        try FileManager.default.copyItem(at: repository.appendingPathComponent("Intents"), to: folder)
        return folder
    }

    /// Runs the binary with the arguments and optional standard input (a pipe, never a terminal).
    static func run(
        _ arguments: [String], input: String = "", executable: URL = binary, directory: URL? = nil,
        environment: [String: String] = [:]
    ) throws -> Result {
        let folder = try temporaryFolder()
        let files = ["in", "out", "err"].map { folder.appendingPathComponent($0) }
        try Data(input.utf8).write(to: files[0])
        try Data().write(to: files[1])
        try Data().write(to: files[2])
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = directory ?? folder
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        process.standardInput = try FileHandle(forReadingFrom: files[0])
        process.standardOutput = try FileHandle(forWritingTo: files[1])
        process.standardError = try FileHandle(forWritingTo: files[2])
        try process.run()
        process.waitUntilExit()
        defer { try? FileManager.default.removeItem(at: folder) }
        return Result(
            stdout: try String(contentsOf: files[1], encoding: .utf8),
            stderr: try String(contentsOf: files[2], encoding: .utf8),
            status: process.terminationStatus)
    }
}
