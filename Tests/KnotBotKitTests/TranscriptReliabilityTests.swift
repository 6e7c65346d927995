import Foundation
import Testing

@testable import KnotBotKit

#if canImport(Glibc)
    import Glibc
#endif

/// Transcripts under stress: huge or damaged files, odd things where a transcript should be, full
/// disks and long sessions.
@Suite("Transcript reliability")
struct TranscriptReliabilityTests {
    static let header = TranscriptHeader(knotbot: "t", model: "m", started: "2026-01-01T00:00:00Z")

    /// A recorded two-turn transcript's text, ending in a newline.
    static func recorded(in folder: URL) throws -> String {
        let url = folder.appendingPathComponent("recorded-\(UUID().uuidString).jsonl")
        try TranscriptTests.record(["who wrote it", "what causes knots"], to: url)
        return try String(contentsOf: url, encoding: .utf8)
    }

    static func write(_ bytes: [UInt8], to url: URL) throws {
        try Data(bytes).write(to: url)
    }

    // MARK: The word diff

    @Test("the word diff skips common first and last words, so a small change in a long answer is found")
    func wordDiffLongCommonText() {
        // About 600 KB a side: a table over every word would need 8 x 100,000^2 bytes.
        let start = (0..<50_000).map { "w\($0)" }.joined(separator: " ")
        let end = (0..<50_000).map { "z\($0)" }.joined(separator: " ")
        let diff = WordDiff.render(from: start + " dull ache " + end, to: start + " sharp ache " + end)
        #expect(diff.contains(" w49999 [-dull-] {+sharp+} ache z0 "))
        #expect(diff.hasPrefix("w0 w1 w2 "))
        #expect(diff.hasSuffix(" z49999"))
    }

    @Test("above the limit of differing words a side, the diff is coarse: where it starts, how long each side is")
    func wordDiffCoarse() {
        let count = WordDiff.detailLimit + 1
        let old = "same start " + (0..<count).map { "a\($0)" }.joined(separator: " ") + " same end"
        let new = "same start " + (0..<count).map { "b\($0)" }.joined(separator: " ") + " same end"
        let diff = WordDiff.render(from: old, to: new)
        #expect(
            diff
                == "same start (from word 3 on, too long to compare word by word:) "
                + "[-a0 a1 a2 a3 a4 a5 a6 a7 a8 a9 a10 a11 ... (\(count) words)-] "
                + "{+b0 b1 b2 b3 b4 b5 b6 b7 b8 b9 b10 b11 ... (\(count) words)+} same end")
    }

    @Test("up to the limit the diff is word by word, as before")
    func wordDiffDetailedAtLimit() {
        let words = (0..<WordDiff.detailLimit).map { "a\($0)" }
        var changed = words
        changed[1_000] = "changed"
        let diff = WordDiff.render(from: words.joined(separator: " "), to: changed.joined(separator: " "))
        #expect(diff.contains(" a999 [-a1000-] {+changed+} a1001 "))
        #expect(WordDiff.render(from: "a b", to: "a b b") == "a b {+b+}")
        #expect(WordDiff.render(from: "", to: "new words") == "{+new words+}")
        #expect(WordDiff.render(from: "old  words", to: "old words") == "old words")
        #expect(WordDiff.render(from: "x a b", to: "y a b") == "[-x-] {+y+} a b")
    }

    @Test("a transcript answer over 64 KB is refused at its file and line")
    func answerLimit() throws {
        let folder = try Fixtures.temporaryFolder()
        let text = try Self.recorded(in: folder)
        let lines = text.split(separator: "\n").map(String.init)
        let long = String(repeating: "knot ", count: TranscriptReader.answerLimit / 5 + 1)
        let turn = lines[2].replacingOccurrences(
            of: "{\"reply\":{\"answer\":\"", with: "{\"reply\":{\"answer\":\"\(long)")
        let url = folder.appendingPathComponent("long.jsonl")
        try ([lines[0], lines[1], turn].joined(separator: "\n") + "\n").write(
            to: url, atomically: true, encoding: .utf8)
        #expect {
            try TranscriptReader.read(contentsOf: url)
        } throws: { error in
            let description = (error as? KnotBotError)?.description ?? ""
            return description.hasPrefix("\(url.path):3: error: the answer is ")
                && description.hasSuffix("bytes; a transcript answer holds at most 65536 (64 KB)")
        }
    }

    // MARK: Invalid UTF-8

    @Test("a last line cut inside a multibyte character is the incomplete-last-line warning; the rest replays")
    func cutInsideCharacter() throws {
        let folder = try Fixtures.temporaryFolder()
        let url = folder.appendingPathComponent("cut.jsonl")
        // "é" is 0xC3 0xA9: the file ends after its first byte, as a write cut off by kill -9 can.
        try Self.write(
            Array(try Self.recorded(in: folder).utf8) + Array("{\"reply\":{\"answer\":\"caf".utf8) + [0xC3], to: url)
        let transcript = try #require(try TranscriptReader.read(contentsOf: url))
        #expect(transcript.turns.count == 2)
        #expect(
            transcript.warnings.map(\.description) == [
                "\(url.path):4: warning: the last line is incomplete (the session was cut off); it was skipped"
            ])
        #expect(Replayer(assistant: Fixtures.assistant).replay(transcript).passed)
    }

    @Test(
        "invalid UTF-8 anywhere but an unfinished last line is an error naming file and line",
        arguments: [2, 3])
    func invalidUTF8(line: Int) throws {
        let folder = try Fixtures.temporaryFolder()
        var lines = Array(try Self.recorded(in: folder).utf8).split(separator: 0x0A).map(Array.init)
        let index = line - 1
        // Inside the recorded answer's text, after `{"reply":{"answer":"`.
        lines[index].insert(0xFF, at: 21)
        let url = folder.appendingPathComponent("bad.jsonl")
        // Line 3 is the last one and complete (it ends in a newline), so it is no cut-off write.
        try Self.write(Array(lines.joined(separator: [0x0A])) + [0x0A], to: url)
        #expect(
            throws: KnotBotError.invalidData([
                Diagnostic(file: url.path, line: line, message: "is not valid UTF-8 text")
            ])
        ) {
            try TranscriptReader.read(contentsOf: url)
        }
    }

    // MARK: What is where a transcript should be

    @Test("a file over the read limit is an I/O error, whether its size says so or only reading it does")
    func overTheLimit() throws {
        let url = try Fixtures.temporaryFolder().appendingPathComponent("big.jsonl")
        try Self.write(Array(repeating: 0x20, count: 101), to: url)
        #expect(throws: KnotBotError.io(path: url.path, reason: "is too big to read: over 100 bytes")) {
            try DataFile.bytes(of: url, limit: 100)
        }
        #expect(try DataFile.bytes(of: url, limit: 101).count == 101)
        // A /proc file reports a size of 0 and has more to read, as a file growing while read does.
        let status = URL(fileURLWithPath: "/proc/self/status")
        #expect(throws: KnotBotError.io(path: status.path, reason: "is too big to read: over 100 bytes")) {
            try DataFile.bytes(of: status, limit: 100)
        }
    }

    @Test("a zero-byte file is no transcript: read gives nil, and the report skips it with a warning")
    func zeroBytes() throws {
        let url = try Fixtures.temporaryFolder().appendingPathComponent("empty.jsonl")
        try Self.write([], to: url)
        #expect(try TranscriptReader.read(contentsOf: url) == nil)
        var report = ReplayReport()
        report.add(skippedEmpty: url.path)
        #expect(report.lines.isEmpty)
        #expect(report.diagnostics == ["\(url.path): warning: is empty (0 bytes); skipped"])
        #expect(report.summary == "0 passed, 0 failed, 1 skipped (empty)")
        #expect(report.exitCode == 0)
    }

    @Test("a FIFO, a dangling link and a folder named *.jsonl are listed, and reading each is an I/O error (74)")
    func notRegularFiles() throws {
        let folder = try Fixtures.temporaryFolder()
        let fifo = folder.appendingPathComponent("fifo.jsonl")
        #expect(mkfifo(fifo.path, 0o600) == 0)
        let dangling = folder.appendingPathComponent("dangling.jsonl")
        try FileManager.default.createSymbolicLink(atPath: dangling.path, withDestinationPath: "/nonexistent/x")
        let inner = folder.appendingPathComponent("inner.jsonl")
        try FileManager.default.createDirectory(at: inner, withIntermediateDirectories: false)
        let files = try TranscriptReader.files(at: [folder.path])
        #expect(files.map(\.lastPathComponent) == ["dangling.jsonl", "fifo.jsonl", "inner.jsonl"])
        let expected = [
            KnotBotError.io(path: dangling.path, reason: "is a symbolic link to a file that does not exist"),
            .io(path: fifo.path, reason: "is a FIFO (named pipe), not a regular file"),
            .io(path: inner.path, reason: "is a folder, not a regular file"),
        ]
        for (file, error) in zip(files, expected) {
            #expect(throws: error) { try TranscriptReader.read(contentsOf: file) }
        }
        var report = ReplayReport()
        report.add(malformed: expected[0])
        #expect(report.exitCode == 74)
        #expect(
            throws: KnotBotError.io(path: dangling.path, reason: "is a symbolic link to a file that does not exist")
        ) {
            try TranscriptReader.files(at: [dangling.path])
        }
    }

    @Test("a file name that is not UTF-8 is an I/O error naming it with its bytes escaped")
    func nonUTF8Name() throws {
        let folder = try Fixtures.temporaryFolder()
        let name = (Array(folder.path.utf8) + Array("/x".utf8) + [0xFF] + Array(".jsonl".utf8)).map {
            CChar(bitPattern: $0)
        }
        let descriptor = open(name + [0], O_WRONLY | O_CREAT | O_EXCL, 0o600)
        #expect(descriptor >= 0)
        close(descriptor)
        #expect(
            throws: KnotBotError.io(
                path: folder.path + "/x\\xFF.jsonl", reason: "has a name that is not valid UTF-8; rename it")
        ) {
            try TranscriptReader.files(at: [folder.path])
        }
    }

    // Root reads every folder whatever its mode, so there is nothing to check as root.
    @Test(
        "an unreadable folder or subfolder is an I/O error, not 'no transcripts' or a silent skip",
        .enabled(if: getuid() != 0, "root reads every folder"))
    func unreadableFolders() throws {
        let folder = try Fixtures.temporaryFolder()
        try Self.recorded(in: folder).write(
            to: folder.appendingPathComponent("a.jsonl"), atomically: true, encoding: .utf8)
        let locked = folder.appendingPathComponent("locked")
        try FileManager.default.createDirectory(at: locked, withIntermediateDirectories: false)
        chmod(locked.path, 0)
        defer { chmod(locked.path, 0o700) }
        #expect(throws: KnotBotError.io(path: locked.path, reason: "cannot be read (permission denied)")) {
            try TranscriptReader.files(at: [folder.path])
        }
        #expect(throws: KnotBotError.io(path: locked.path, reason: "cannot be read (permission denied)")) {
            try TranscriptReader.files(at: [locked.path])
        }
    }

    // MARK: Long sessions

    /// A sink whose every write has failed, as on a full disk.
    final class FailedSink: TranscriptSink {
        let problem: String? = "cannot be written (no space left on device)"
        func record(_ turn: TranscriptTurn) {}
        func recordedTurns() throws(KnotBotError) -> [TranscriptTurn] { [] }
        let location = "nowhere.jsonl"
        func forget() throws(KnotBotError) {}
    }

    static func session(in folder: URL) -> ChatSession {
        var session = ChatSession(assistant: Fixtures.assistant, started: "2026-01-01T00:00:00Z")
        // As a chat or `--transcript` sets it: `/save` is offered.
        session.keepsTurns = true
        session.saveStore = TranscriptFolder(folder)
        return session
    }

    @Test("a session that records to a file holds no turns in memory; /save reads the recording back")
    func recordingHoldsNoTurns() throws {
        let folder = try Fixtures.temporaryFolder()
        var session = Self.session(in: folder)
        session.recorder = try TranscriptWriter.create(
            at: folder.appendingPathComponent("live.jsonl"), header: session.header)
        let questions = ["what causes knots", "tell me more", "who wrote it"]
        for index in 0..<60 { _ = session.turn(questions[index % questions.count]) }
        #expect(session.turns.isEmpty, "the turns went to the file, not to memory")
        let answer = session.turn("/save long pipe")
        let reply = try #require(answer)
        #expect(reply.answer.hasPrefix("Saved this conversation (60 turns)"), "\(reply.answer)")
        let saved = try #require(
            try TranscriptReader.read(contentsOf: folder.appendingPathComponent("long-pipe.jsonl")))
        #expect(saved.turns.count == 60)
        #expect(Replayer(assistant: Fixtures.assistant).replay(saved).passed)
    }

    @Test("without a recorder a chat keeps its turns for /save; after a failed recording /save says why")
    func saveWithoutOrAfterFailedRecorder() throws {
        let folder = try Fixtures.temporaryFolder()
        var unrecorded = Self.session(in: folder)
        _ = unrecorded.turn("who wrote it")
        #expect(unrecorded.turns.count == 1)
        #expect(unrecorded.turn("/save kept")?.answer.hasPrefix("Saved this conversation (1 turn)") == true)

        var failed = Self.session(in: folder)
        failed.recorder = FailedSink()
        _ = failed.turn("who wrote it")
        #expect(failed.turns.isEmpty)
        #expect(
            failed.turn("/save lost")?.answer
                == "Could not save: recording this session failed (cannot be written (no space left on device)), "
                + "so no complete copy of it exists.")
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("lost.jsonl").path))
    }
}
