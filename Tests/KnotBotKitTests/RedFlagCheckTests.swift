import Foundation
import Testing

@testable import KnotBotKit

/// Checks of the red flags written in `red-flag-checks/`: compiled like the flags' own examples,
/// reported at their file and line, and what mutation testing tests a dropped word against.
@Suite("Red-flag check files")
struct RedFlagCheckTests {
    /// A copy of the repository's intents with one check file written into `red-flag-checks/`.
    static func folder(withChecks text: String, named name: String = "extra.yaml") throws -> URL {
        let folder = try Fixtures.copyOfIntents()
        let checks = folder.appendingPathComponent(RedFlagLoader.checksFolder)
        try FileManager.default.createDirectory(at: checks, withIntermediateDirectories: true)
        try text.write(to: checks.appendingPathComponent(name), atomically: true, encoding: .utf8)
        return folder
    }

    static func errors(compiling folder: URL) -> [Diagnostic] {
        do {
            _ = try ModelCompiler.compile(intentsFolder: folder, knowledge: Fixtures.model.knowledge)
            return []
        } catch .invalidData(let diagnostics) {
            return diagnostics
        } catch {
            return [Diagnostic(file: "", line: nil, message: "\(error)")]
        }
    }

    @Test("a check that fails is an error at its file and line, about-others included")
    func failingCheck() throws {
        let folder = try Self.folder(
            withChecks: """
                saddle-numbness:
                  about-others:
                    - "my husband says his bum has gone numb"
                    - "my bum has gone numb"
                  near-misses:
                    - "no numbness down below, just a stiff back"
                """)
        defer { try? FileManager.default.removeItem(at: folder.deletingLastPathComponent()) }
        let errors = Self.errors(compiling: folder)
        #expect(errors.count == 1, "\(errors)")
        let error = try #require(errors.first)
        #expect(error.file.hasSuffix("red-flag-checks/extra.yaml") && error.line == 4)
        #expect(error.message.contains("about someone else raises it about user"), "\(error.message)")
    }

    @Test("a check file naming a flag that does not exist, or an unknown key, is an error at its line")
    func unknownFlagAndKey() throws {
        let folder = try Self.folder(
            withChecks: """
                fever:
                  examples: ["burning up and my back aches"]
                  exmaples: ["shivery and sore"]
                feverr:
                  examples: ["burning up"]
                """)
        defer { try? FileManager.default.removeItem(at: folder.deletingLastPathComponent()) }
        let errors = Self.errors(compiling: folder).map { "\($0.line ?? 0): \($0.message)" }
        #expect(errors.contains { $0.hasPrefix("3: unknown key 'exmaples'") }, "\(errors)")
        #expect(errors.contains { $0.hasPrefix("4: no flag is called 'feverr'") }, "\(errors)")
    }

    @Test("a dropped concept word only a check file holds is noticed by that check")
    func checkFileNoticesMutation() throws {
        let bare = try Fixtures.copyOfIntents()
        defer { try? FileManager.default.removeItem(at: bare.deletingLastPathComponent()) }
        try? FileManager.default.removeItem(at: bare.appendingPathComponent(RedFlagLoader.checksFolder))
        let checked = try Self.folder(
            withChecks: """
                fever:
                  examples:
                    - "got a uti and my back is killing me"
                """)
        defer { try? FileManager.default.removeItem(at: checked.deletingLastPathComponent()) }
        let outcomes = try [bare, checked].map { folder in
            let source = try MutationSource.compile(intentsFolder: folder, knowledge: Fixtures.model.knowledge)
            let mutation = try #require(source.mutations().first { $0.change == "drop 'uti' from concept fever" })
            return MutationTester(source: source, transcripts: try MutationTests.transcripts()).test(mutation)
        }
        #expect(!outcomes[0].noticed)
        let noticedBy = try #require(outcomes[1].noticedBy)
        #expect(
            noticedBy.contains("red-flag-checks/extra.yaml:3: example of 'fever' does not raise it"), "\(noticedBy)")
    }
}
