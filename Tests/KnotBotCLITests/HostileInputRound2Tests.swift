import Foundation
import Testing

/// Hostile input through the binary, second round: disguised warning signs, escapes that reach the
/// terminal through data, and command lines of many thousands of arguments.
@Suite("Hostile input, round 2")
struct HostileInputRound2Tests {
    /// The `urgent` field of the one JSON object `knotbot --json QUESTION` prints.
    static func urgent(_ question: String) throws -> Bool? {
        let result = try Knotbot.run(["--json", question])
        #expect(result.status == 0, "\(result.stderr)")
        let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        return object?["urgent"] as? Bool
    }

    @Test(
        "a warning sign disguised with a zero-width joiner or a look-alike letter is urgent",
        arguments: [
            "I fe\u{200D}ll off my bike", "I f\u{0435}ll off my bike", "I was in a car cr\u{0430}sh and my back hurts",
            "I want to kill m\u{0443}self",
        ])
    func disguisedWarningSign(question: String) throws {
        #expect(try Self.urgent(question) == true)
    }

    /// Old builds parsed these quadratically: 20,000 arguments took minutes (a debug build about
    /// 2.5 minutes), so a run that ends at once with a usage error shows the cap is in force.
    @Test("20,000 --json flags end at once with a usage error naming the limit")
    func manyFlags() throws {
        let result = try Knotbot.run(Array(repeating: "--json", count: 20_000) + ["what causes knots"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("too many arguments (20001)"), "\(result.stderr.prefix(300))")
        #expect(result.stderr.contains("at most 1000"))
        #expect(result.stdout.isEmpty)
    }

    @Test("--explain with 32,000 words ends at once with a usage error")
    func manyWordsWithAnOption() throws {
        let result = try Knotbot.run(["--explain"] + Array(repeating: "knots", count: 32_000))
        #expect(result.status == 64)
        #expect(result.stderr.contains("too many arguments (32001)"), "\(result.stderr.prefix(300))")
    }

    @Test("1,000 arguments with an option are still answered; a plain question has no limit")
    func atTheLimit() throws {
        let explained = try Knotbot.run(["--explain"] + Array(repeating: "knots", count: 999))
        #expect(explained.status == 0, "\(explained.stderr.prefix(300))")
        #expect(explained.stdout.contains("intent:"))
        let plain = try Knotbot.run(["--json"] + Array(repeating: "knots", count: 20_000))
        #expect(plain.status == 0, "\(plain.stderr.prefix(300))")
    }

    /// A window-title escape, OSC 0 ended by BEL.
    static let titleEscape = "\u{1B}]0;pwned\u{7}"

    /// Whether the text holds a scalar a terminal acts on (other than line breaks and the progress
    /// line's own carriage return and erase-line escape, `ESC [ K`).
    static func holdsRawControl(_ text: String) -> Bool {
        let own = text.replacingOccurrences(of: "\u{1B}[K", with: "")
        return own.unicodeScalars.contains { scalar in
            switch scalar.value {
            case 0x0A, 0x0D: false
            case 0x00...0x1F, 0x7F...0x9F, 0x202A...0x202E, 0x2066...0x2069: true
            default: false
            }
        }
    }

    /// A copy of the intents with `hostile.yaml` added.
    static func intents(with text: String, named name: String = "hostile.yaml") throws -> URL {
        let folder = try Knotbot.copyOfIntents()
        try Data(text.utf8).write(to: folder.appendingPathComponent(name))
        return folder
    }

    static let escapingReply = """
        intent: hostile
        topic: hostile
        summary: an answer that drives the terminal
        examples:
          - tell me something hostile
        reply: "Hello \\e]0;pwned\\a, \\x9b2J and \\u202Edesrever"
        """

    @Test("an answer holding escapes, C1 controls or a bidi override is refused at file:line by the chat and lint")
    func escapingAnswerRefused() throws {
        let folder = try Self.intents(with: Self.escapingReply)
        defer { try? FileManager.default.removeItem(at: folder.deletingLastPathComponent()) }
        let asked = try Knotbot.run(["--intents", folder.path, "tell me something hostile"])
        #expect(asked.status == 65)
        #expect(asked.stderr.contains("hostile.yaml:6: error: reply contains \\u{1B}"), "\(asked.stderr)")
        #expect(!Self.holdsRawControl(asked.stdout + asked.stderr))
        let linted = try Knotbot.run(["intents", "lint", folder.path])
        #expect(linted.status == 65)
        #expect(linted.stdout.contains("hostile.yaml:6: error:"), "\(linted.stdout)")
        #expect(!Self.holdsRawControl(linted.stdout + linted.stderr))
    }

    @Test("lint prints a hostile file name escaped")
    func lintEscapesFileNames() throws {
        let name = "x\(Self.titleEscape)\u{9B}2J.yaml"
        let folder = try Self.intents(with: "intent: x\n", named: name)
        defer { try? FileManager.default.removeItem(at: folder.deletingLastPathComponent()) }
        let linted = try Knotbot.run(["intents", "lint", folder.path])
        #expect(linted.status == 65)
        #expect(linted.stdout.contains("x\\u{1B}]0;pwned\\u{7}\\u{9B}2J.yaml"), "\(linted.stdout)")
        #expect(!Self.holdsRawControl(linted.stdout + linted.stderr), "\(linted.stdout.debugDescription)")
    }

    @Test("eval prints topic labels from the labelled file escaped")
    func evalEscapesTopics() throws {
        let folder = try Knotbot.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let questions = folder.appendingPathComponent("questions.jsonl")
        let lines = [
            #"{"q": "what causes muscle knots?", "topic": "\u001b]0;pwned\u0007"}"#,
            #"{"q": "who wrote it", "topic": "\u009b2J\u202e"}"#,
        ]
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: questions)
        let result = try Knotbot.run(["eval", questions.path])
        #expect(result.stdout.contains("\\u{1B}]0;pwned\\u{7}"), "\(result.stdout)")
        #expect(!Self.holdsRawControl(result.stdout + result.stderr), "\(result.stdout.debugDescription)")
    }

    @Test("replay's progress line on a terminal shows a hostile transcript name escaped")
    func replayProgressEscapesNames() throws {
        let folder = try Knotbot.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let source = Knotbot.repository.appendingPathComponent("transcripts")
        let first = try #require(
            try FileManager.default.contentsOfDirectory(atPath: source.path).filter { $0.hasSuffix(".jsonl") }.min())
        try FileManager.default.copyItem(
            at: source.appendingPathComponent(first),
            to: folder.appendingPathComponent("a\(Self.titleEscape)\u{9B}2J.jsonl"))
        // script(1) gives the replay a terminal, so it shows progress on stderr.
        let command = "'\(Knotbot.binary.path)' replay '\(folder.path)'"
        let result = try Knotbot.run(
            ["-q", "-e", "-c", command, "/dev/null"], executable: URL(fileURLWithPath: "/usr/bin/script"))
        #expect(result.stdout.contains("replaying 1/1 a\\u{1B}]0;pwned\\u{7}\\u{9B}2J.jsonl"), "\(result.stdout)")
        #expect(!Self.holdsRawControl(result.stdout), "\(result.stdout.debugDescription)")
    }

    @Test(
        "a transcript path that cannot be written is named escaped when recording stops",
        .disabled(
            if: ProcessInfo.processInfo.environment["KNOTBOT_SANITIZER"] == "thread",
            "ThreadSanitizer's own runtime faults (SIGBUS) under a file-size limit"))
    func recordingProblemEscapesPath() throws {
        let folder = try Knotbot.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("t\(Self.titleEscape).jsonl").path
        // 512 bytes hold the header but not the first turn: the write fails and recording stops.
        let result = try Knotbot.run(
            ["-c", "ulimit -f 1; exec \"$0\" --transcript \"$1\" 'what causes knots'", Knotbot.binary.path, path],
            executable: URL(fileURLWithPath: "/bin/sh"))
        #expect(result.status == 0)
        #expect(result.stderr.contains("no longer being recorded"), "\(result.stderr)")
        #expect(result.stderr.contains("t\\u{1B}]0;pwned\\u{7}.jsonl"), "\(result.stderr)")
        #expect(!Self.holdsRawControl(result.stderr), "\(result.stderr.debugDescription)")
    }

    @Test("eval --json writes C1 controls and direction overrides from the labelled file as JSON escapes")
    func evalJSONEscapesTopics() throws {
        let folder = try Knotbot.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let questions = folder.appendingPathComponent("questions.jsonl")
        let line = #"{"q": "who wrote it", "topic": "a\u009b2J\u202eb\u007f"}"#
        try Data((line + "\n").utf8).write(to: questions)
        let result = try Knotbot.run(["eval", "--json", questions.path])
        #expect(result.stdout.contains(#"a\u009B2J\u202Eb\u007F"#), "\(result.stdout)")
        #expect(!Self.holdsRawControl(result.stdout), "\(result.stdout.debugDescription)")
        let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        let topics = try #require(object?["topics"] as? [[String: Any]])
        #expect(topics.contains { $0["topic"] as? String == "a\u{9B}2J\u{202E}b\u{7F}" }, "the same text, escaped")
    }

    @Test("a hostile --split value is named escaped in the usage error")
    func splitValueEscaped() throws {
        let result = try Knotbot.run(["eval", "--safety", "x", "--split", Self.titleEscape])
        #expect(result.status == 64)
        #expect(result.stderr.contains("\\u{1B}]0;pwned\\u{7}"), "\(result.stderr)")
        #expect(!Self.holdsRawControl(result.stderr), "\(result.stderr.debugDescription)")
    }
}
