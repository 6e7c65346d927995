import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// `knotbot replay` on damaged transcripts and on things that are not transcript files: the
/// documented exit code and a message naming the path, never a hang, a silent skip or a crash.
@Suite("knotbot replay reliability")
struct ReplayReliabilityTests {
    /// A two-turn transcript recorded by the binary, in a new folder.
    static func recorded() throws -> (folder: URL, file: URL) {
        let folder = try Knotbot.temporaryFolder()
        let file = folder.appendingPathComponent("good.jsonl")
        let run = try Knotbot.run(["--transcript", file.path], input: "who wrote it\nwhat causes knots\n")
        #expect(run.status == 0)
        return (folder, file)
    }

    @Test("a FIFO, a dangling link and a folder named *.jsonl in a folder exit 74, each named, the rest replayed")
    func notRegularFilesInFolder() throws {
        let (folder, good) = try Self.recorded()
        // An escape in a name must reach the terminal escaped.
        let fifo = folder.appendingPathComponent("fifo\u{1B}[2J.jsonl")
        #expect(mkfifo(fifo.path, 0o600) == 0)
        let dangling = folder.appendingPathComponent("dangling.jsonl")
        try FileManager.default.createSymbolicLink(atPath: dangling.path, withDestinationPath: "/nonexistent/x")
        let inner = folder.appendingPathComponent("inner.jsonl")
        try FileManager.default.createDirectory(at: inner, withIntermediateDirectories: false)
        let result = try Knotbot.run(["replay", folder.path])
        #expect(result.status == 74, "\(result.stdout)\(result.stderr)")
        #expect(
            result.stderr.contains("\(dangling.path): error: is a symbolic link to a file that does not exist"))
        #expect(
            result.stderr.contains(
                "\(folder.path)/fifo\\u{1B}[2J.jsonl: error: is a FIFO (named pipe), not a regular file"))
        #expect(result.stderr.contains("\(inner.path): error: is a folder, not a regular file"))
        #expect(result.stdout.contains("PASS \(good.path) (2 turns)"))
        #expect(result.stdout.hasSuffix("1 passed, 3 failed (3 with errors, on stderr)\n"))
        #expect(!result.stdout.contains("\u{1B}") && !result.stderr.contains("\u{1B}"))
    }

    @Test("a FIFO, a dangling link or a device named on the command line exits 74 without hanging")
    func notRegularFilesNamed() throws {
        let folder = try Knotbot.temporaryFolder()
        let fifo = folder.appendingPathComponent("fifo.jsonl")
        #expect(mkfifo(fifo.path, 0o600) == 0)
        let dangling = folder.appendingPathComponent("dangling.jsonl")
        try FileManager.default.createSymbolicLink(atPath: dangling.path, withDestinationPath: "/nonexistent/x")
        let fifoRun = try Knotbot.run(["replay", fifo.path])
        #expect(fifoRun.status == 74)
        #expect(fifoRun.stderr.contains("\(fifo.path): error: is a FIFO (named pipe), not a regular file"))
        let device = try Knotbot.run(["replay", "/dev/null"])
        #expect(device.status == 74)
        #expect(device.stderr.contains("/dev/null: error: is a device, not a regular file"))
        let link = try Knotbot.run(["replay", dangling.path])
        #expect(link.status == 74)
        #expect(link.stderr == "knotbot: \(dangling.path): is a symbolic link to a file that does not exist\n")
    }

    // Root reads every file and folder whatever its mode: there is nothing to check as root.
    @Test(
        "an unreadable file, folder or subfolder exits 74 naming it",
        .enabled(if: getuid() != 0, "root reads every file and folder"))
    func unreadable() throws {
        let (folder, _) = try Self.recorded()
        let locked = folder.appendingPathComponent("locked.jsonl")
        try Data("{}\n".utf8).write(to: locked)
        chmod(locked.path, 0)
        let file = try Knotbot.run(["replay", locked.path])
        #expect(file.status == 74)
        #expect(file.stderr.contains("\(locked.path): error: cannot be read (permission denied)"))
        try FileManager.default.removeItem(at: locked)

        let subfolder = folder.appendingPathComponent("more")
        try FileManager.default.createDirectory(at: subfolder, withIntermediateDirectories: false)
        chmod(subfolder.path, 0)
        defer { chmod(subfolder.path, 0o700) }
        let sub = try Knotbot.run(["replay", folder.path])
        #expect(sub.status == 74, "a CI run must not pass with transcripts it could not see")
        #expect(sub.stderr == "knotbot: \(subfolder.path): cannot be read (permission denied)\n")
        let top = try Knotbot.run(["replay", subfolder.path])
        #expect(top.status == 74)
        #expect(top.stderr == "knotbot: \(subfolder.path): cannot be read (permission denied)\n")
    }

    @Test("a zero-byte transcript is skipped with a warning; the others still decide the exit status")
    func zeroByte() throws {
        let (folder, good) = try Self.recorded()
        let empty = folder.appendingPathComponent("empty.jsonl")
        try Data().write(to: empty)
        let result = try Knotbot.run(["replay", folder.path])
        #expect(result.status == 0, "\(result.stdout)")
        #expect(result.stderr.contains("\(empty.path): warning: is empty (0 bytes); skipped\n"))
        #expect(result.stdout.contains("PASS \(good.path) (2 turns)"))
        #expect(result.stdout.hasSuffix("1 passed, 0 failed, 1 skipped (empty)\n"))
    }

    @Test("a transcript cut inside a multibyte character warns about its last line and replays the rest")
    func cutInsideCharacter() throws {
        let (_, file) = try Self.recorded()
        let handle = try FileHandle(forWritingTo: file)
        try handle.seekToEnd()
        // "é" is 0xC3 0xA9; the write stopped after its first byte.
        try handle.write(contentsOf: Data("{\"reply\":{\"answer\":\"caf".utf8) + Data([0xC3]))
        try handle.close()
        let result = try Knotbot.run(["replay", file.path])
        #expect(result.status == 0, "\(result.stdout)")
        #expect(
            result.stderr.contains(
                "\(file.path):4: warning: the last line is incomplete (the session was cut off); it was skipped"))
        #expect(result.stdout.contains("PASS \(file.path) (2 turns)"))
    }

    @Test("invalid UTF-8 before the last line is malformed (65), at its file and line")
    func invalidUTF8() throws {
        let (_, file) = try Self.recorded()
        var bytes = Array(try Data(contentsOf: file))
        let secondLine = try #require(bytes.firstIndex(of: 0x0A)) + 1
        bytes.insert(0xFF, at: secondLine + 21)
        try Data(bytes).write(to: file)
        let result = try Knotbot.run(["replay", file.path])
        #expect(result.status == 65)
        #expect(result.stderr.contains("\(file.path):2: error: is not valid UTF-8 text"))
    }

    @Test("a 5 MB recorded answer is refused at its line (once 3.5 GB to diff), quickly and without a crash")
    func hugeAnswer() throws {
        let (_, file) = try Self.recorded()
        let lines = try String(contentsOf: file, encoding: .utf8).split(separator: "\n").map(String.init)
        let huge = String(repeating: "knots ", count: 5_000_000 / 6)
        let turn = lines[1].replacingOccurrences(
            of: "{\"reply\":{\"answer\":\"", with: "{\"reply\":{\"answer\":\"\(huge)")
        try ([lines[0], turn, lines[2]].joined(separator: "\n") + "\n").write(
            to: file, atomically: true, encoding: .utf8)
        let result = try Knotbot.run(["replay", file.path])
        #expect(result.status == 65)
        #expect(result.stderr.contains("\(file.path):2: error: the answer is "))
        #expect(result.stderr.contains("a transcript answer holds at most 65536 (64 KB)"))
    }

    @Test("a path argument that is not UTF-8 says so (74) rather than only 'no such file'")
    func pathNotUTF8() throws {
        let (folder, _) = try Self.recorded()
        let name = Array(folder.path.utf8) + Array("/bad".utf8) + [0xFF] + Array(".jsonl".utf8)
        let run = try Knotbot.run(bytes: [Array("replay".utf8), name])
        #expect(run.status == 74)
        #expect(
            run.stderr.hasSuffix("no such file or folder (is its name valid UTF-8? KnotBot reads UTF-8 paths only)\n"))
    }
}
