import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// What `knotbot replay` prints where: results on stdout (a failing turn as a labelled diff, in
/// colour on a terminal), errors on stderr at their `file:line:`, and the documented exit codes.
@Suite("knotbot replay output")
struct ReplayOutputTests {
    /// A one-turn transcript of "who wrote it" whose recorded reply is edited.
    ///
    /// The answer gets an extra first word, "XX", and the intent becomes "thanks". Returns the file
    /// and the answer and intent as the bot gives them now.
    static func edited() throws -> (file: URL, answer: String, intent: String) {
        let file = try Knotbot.temporaryFolder().appendingPathComponent("edited.jsonl")
        let recorded = try Knotbot.run(["--transcript", file.path], input: "who wrote it\n")
        #expect(recorded.status == 0)
        let lines = try String(contentsOf: file, encoding: .utf8).split(separator: "\n").map(String.init)
        var turn = try #require(try JSONSerialization.jsonObject(with: Data(lines[1].utf8)) as? [String: Any])
        var reply = try #require(turn["reply"] as? [String: Any])
        let answer = try #require(reply["answer"] as? String)
        let intent = reply["intent"] as? String ?? "none"
        reply["answer"] = "XX " + answer
        reply["intent"] = "thanks"
        turn["reply"] = reply
        let edited = try JSONSerialization.data(withJSONObject: turn, options: .sortedKeys)
        try (lines[0] + "\n" + String(decoding: edited, as: UTF8.self) + "\n").write(
            to: file, atomically: true, encoding: .utf8)
        return (file, answer, intent)
    }

    @Test("a failing turn names each differing field's expected and actual values, the answer on lines of its own")
    func failingTurnLayout() throws {
        let (file, answer, intent) = try Self.edited()
        let words = answer.split(whereSeparator: \.isWhitespace)
        // The golden below assumes a one-line answer longer than the diff's 6 words of context.
        try #require(!answer.contains("\n") && words.count > 7 && intent != "thanks")
        let result = try Knotbot.run(["replay", "--match", "exact", file.path])
        #expect(result.status == 1)
        #expect(
            result.stdout == """
                FAIL \(file.path): 1 of 1 turns differ
                  \(file.path):turn 1: "who wrote it"
                    intent: expected thanks, actual \(intent)
                    answer:
                      expected: XX \(answer)
                      actual:   \(answer)
                      diff:     [-XX-] \(words.prefix(6).joined(separator: " ")) ...
                0 passed, 1 failed

                """)
        #expect(result.stderr.isEmpty)
    }

    /// The output of `knotbot replay FILE` on a terminal 70 columns wide, run through script(1),
    /// with the given environment settings.
    static func onTerminal(_ file: URL, environment: String) throws -> String {
        let command = "stty cols 70; env \(environment) '\(Knotbot.binary.path)' replay --match exact '\(file.path)'"
        let result = try Knotbot.run(
            ["-q", "-e", "-c", command, "/dev/null"], executable: URL(fileURLWithPath: "/usr/bin/script"))
        #expect(result.status == 1, "\(result.stdout)")
        return result.stdout
    }

    /// Whether the text holds a colour or bold escape (SGR: ESC [ digits m).
    static func holdsColour(_ text: String) -> Bool {
        text.contains(/\x{1B}\[[0-9;]*m/)
    }

    @Test("on a terminal the diff is coloured (removed red, added green, labels) and wrapped to its width")
    func colourOnTerminal() throws {
        let (file, _, _) = try Self.edited()
        let output = try Self.onTerminal(file, environment: "-u NO_COLOR TERM=xterm")
        #expect(output.contains("\u{1B}[31m[-XX-]\u{1B}[0m"), "\(output.debugDescription)")
        #expect(output.contains("\u{1B}[31mexpected:\u{1B}[0m XX "))
        #expect(output.contains("\u{1B}[32mactual:\u{1B}[0m   "))
        #expect(output.contains("\u{1B}[1manswer:\u{1B}[0m"))
        #expect(output.contains("\u{1B}[1mintent:\u{1B}[0m expected \u{1B}[31mthanks\u{1B}[0m, actual \u{1B}[32m"))
        // The answer's lines, escapes left out, fit the 70 columns, continued under the text. A
        // terminal's line ends are "\r\n", and the progress line starts with "\r": both split.
        let shown = output.replacing(/\x{1B}\[[0-9;]*[A-Za-z]/, with: "").split(whereSeparator: \.isNewline)
        let answerLines = shown.filter { $0.hasPrefix("      ") }
        #expect(answerLines.count > 3, "\(shown)")
        #expect(answerLines.allSatisfy { $0.count <= 70 }, "\(answerLines)")
        #expect(answerLines.contains { $0.hasPrefix(String(repeating: " ", count: 16)) && $0.count > 16 })
    }

    @Test(
        "NO_COLOR or TERM=dumb leaves the diff plain on a terminal; a pipe is always plain",
        arguments: [
            "NO_COLOR=1 TERM=xterm", "-u NO_COLOR TERM=dumb",
        ])
    func plainWithoutColour(environment: String) throws {
        let (file, _, _) = try Self.edited()
        let output = try Self.onTerminal(file, environment: environment)
        #expect(output.contains("[-XX-] "))
        #expect(!Self.holdsColour(output), "\(output.debugDescription)")
        let piped = try Knotbot.run(["replay", "--match", "exact", file.path], environment: ["TERM": "xterm"])
        #expect(piped.stdout.contains("[-XX-] ") && !piped.stdout.contains("\u{1B}"))
    }

    @Test("errors go to stderr as file:line: error: message; stdout keeps the results and the summary")
    func errorsOnStderr() throws {
        let folder = try Knotbot.temporaryFolder()
        let good = folder.appendingPathComponent("good.jsonl")
        _ = try Knotbot.run(["--transcript", good.path], input: "who wrote it\n")
        let header = try #require(try String(contentsOf: good, encoding: .utf8).split(separator: "\n").first)
        let bad = folder.appendingPathComponent("bad.jsonl")
        try (header + "\n]]]\n").write(to: bad, atomically: true, encoding: .utf8)
        let fifo = folder.appendingPathComponent("fifo.jsonl")
        #expect(mkfifo(fifo.path, 0o600) == 0)
        let result = try Knotbot.run(["replay", folder.path])
        #expect(result.status == 74)
        #expect(
            result.stderr == """
                \(bad.path):2: error: is not a valid transcript turn (not JSON)
                \(fifo.path): error: is a FIFO (named pipe), not a regular file

                """)
        #expect(result.stdout == "PASS \(good.path) (1 turns)\n1 passed, 2 failed (2 with errors, on stderr)\n")
    }

    @Test("a transcript too big to read (a 100 GB sparse file) exits 74 naming it, rather than crash")
    func tooBig() throws {
        let file = try Knotbot.temporaryFolder().appendingPathComponent("huge.jsonl")
        #expect(FileManager.default.createFile(atPath: file.path, contents: nil))
        let handle = try FileHandle(forWritingTo: file)
        try handle.truncate(atOffset: 100 << 30)
        try handle.close()
        defer { try? FileManager.default.removeItem(at: file) }
        let result = try Knotbot.run(["replay", file.path])
        #expect(result.status == 74, "\(result.stderr.prefix(300))")
        #expect(result.stderr == "\(file.path): error: is too big to read: over 67108864 bytes\n")
        #expect(result.stdout == "0 passed, 1 failed (1 with errors, on stderr)\n")
    }

    @Test("a path that cannot be read exits 74 even after a folder with no transcripts (66)")
    func unreadableAfterEmptyFolder() throws {
        let empty = try Knotbot.temporaryFolder()
        let missing = empty.appendingPathComponent("missing.jsonl").path
        for paths in [[empty.path, missing], [missing, empty.path]] {
            let result = try Knotbot.run(["replay"] + paths)
            #expect(result.status == 74, "\(paths): \(result.stderr)")
            #expect(result.stderr == "knotbot: \(missing): no such file or folder\n")
        }
    }
}
