import Foundation
import Testing

// Hostile input against the built binary. Every run checks the exit status, that stderr
// holds no crash report, and that stdout holds nothing a terminal would obey.

/// One hostile input: the bytes piped in, the same text as command-line arguments where argv can
/// carry it, and what KnotBot must make of it.
struct HostileCase: Sendable, CustomTestStringConvertible {
    var name: String
    /// Standard input for the piped runs.
    var input: [UInt8]
    /// The JSON replies a piped session must print: one per line that is not blank once control
    /// characters and escapes are removed; nil when that cannot be known in advance.
    var replies: Int?
    /// The same text as one-shot arguments; nil when argv cannot carry it.
    var arguments: [[UInt8]]?
    /// Whether the one-shot question is blank once cleaned, so the usage error (64) is right.
    var emptyQuestion = false
    /// A megabyte or more on one line: every run must finish in under a second.
    var isHuge = false
    /// Longer than `Utterance.maximumLength` (2,000 characters) once cleaned: the reply must say so.
    var isCut = false

    var testDescription: String { name }

    /// A case of one line of text, given the same way as one argument.
    static func line(_ name: String, _ text: String, replies: Int = 1, emptyQuestion: Bool = false) -> HostileCase {
        HostileCase(
            name: name, input: Array((text + "\n").utf8), replies: replies, arguments: [Array(text.utf8)],
            emptyQuestion: emptyQuestion)
    }
}

extension HostileCase {
    /// About a megabyte, the size of the huge cases.
    static let megabyte = 1_048_576
    /// Under Linux's limit of 128 KiB for one argument (MAX_ARG_STRLEN), so a megabyte fits in argv
    /// as several arguments, which the one-shot path joins with spaces.
    static let argumentSize = 128_000

    /// A huge line, given as one-shot arguments of at most `argumentSize` bytes each.
    static func huge(_ name: String, _ text: String, isCut: Bool = true) -> HostileCase {
        let bytes = Array(text.utf8)
        let arguments = stride(from: 0, to: bytes.count, by: argumentSize).map {
            Array(bytes[$0..<min($0 + argumentSize, bytes.count)])
        }
        return HostileCase(
            name: name, input: bytes + [0x0A], replies: 1, arguments: arguments, isHuge: true, isCut: isCut)
    }

    static let all: [HostileCase] = [
        HostileCase(name: "empty input", input: [], replies: 0, arguments: [[]], emptyQuestion: true),
        HostileCase(
            name: "whitespace only (spaces, tabs, no-break and ideographic spaces, blank lines)",
            input: Array(" \t\u{A0}\u{3000} \n\n \t\n".utf8), replies: 0,
            arguments: [Array(" \t\u{A0}\u{3000} ".utf8)], emptyQuestion: true),
        huge("1 MB of words on one line", String(repeating: "what causes muscle knots ", count: megabyte / 25)),
        // One word cannot be one argument of a megabyte; as arguments it becomes nine long words.
        huge("1 MB of one word on one line", String(repeating: "a", count: megabyte)),
        huge("1 MB of Chinese on one line", String(repeating: "肌肉结", count: megabyte / 9)),
        huge(
            "1 MB of colour escapes, then a question",
            String(repeating: "\u{1B}[31m", count: megabyte / 5) + "who wrote it", isCut: false),
        HostileCase(
            name: "invalid UTF-8: 0xFF 0xFE",
            input: Array("what causes ".utf8) + [0xFF, 0xFE] + Array(" knots\n".utf8),
            replies: 1, arguments: [Array("what causes ".utf8) + [0xFF, 0xFE] + Array(" knots".utf8)]),
        HostileCase(
            name: "invalid UTF-8: lone continuation bytes",
            input: [0x80, 0xBF, 0x80] + Array(" who wrote it ".utf8) + [0xBF, 0x0A], replies: 1,
            arguments: [[0x80, 0xBF, 0x80] + Array(" who wrote it ".utf8) + [0xBF]]),
        // The second line is only a broken sequence: it decodes to U+FFFD, which is not blank.
        HostileCase(
            name: "invalid UTF-8: truncated sequences, overlong and surrogate encodings",
            input: Array("what causes knots ".utf8) + [0xE2, 0x82, 0x0A, 0xF0, 0x9F, 0x98, 0x0A]
                + [0xC0, 0xAF, 0xED, 0xA0, 0x80] + Array(" hi\n".utf8),
            replies: 3, arguments: [[0xE2, 0x82] + Array(" what causes knots ".utf8) + [0xF0, 0x9F, 0x98]]),
        // argv strings end at the first NUL, so there is no one-shot form.
        HostileCase(
            name: "NUL bytes inside lines", input: Array("what\0causes\0knots\n\0\0\0\nwho wrote\0it\n".utf8),
            replies: 2),
        line("C0 controls mid-line: BEL, backspace, DEL, CR", "who\u{07} wrote\u{08}\u{08} it\u{7F}\rtoday"),
        HostileCase(
            name: "control characters only",
            input: Array("\u{07}\u{08}\u{7F}\u{0B}\u{0C}\r\n\u{01}\u{02}\u{1F}\n".utf8),
            replies: 0, arguments: [Array("\u{07}\u{08}\u{7F}\u{0B}\u{0C}\r\u{01}".utf8)], emptyQuestion: true),
        HostileCase(
            name: "CRLF line endings", input: Array("who wrote it\r\nwhat causes knots\r\n".utf8), replies: 2,
            arguments: [Array("who wrote it\r\n".utf8)]),
        // How a line ends is a matter for standard input only.
        HostileCase(name: "no newline at the end", input: Array("who wrote it".utf8), replies: 1, arguments: nil),
        line("ANSI CSI colour codes", "\u{1B}[1;31mwhat causes\u{1B}[0m \u{1B}[38;5;196mknots\u{1B}[m"),
        line(
            "ANSI CSI cursor moves and clear screen",
            "\u{1B}[2J\u{1B}[H\u{1B}[10;10Hwho \u{1B}[Awrote\u{1B}[5D it\u{1B}[K"),
        line("escape sequences only", "\u{1B}[2J\u{1B}[3J\u{1B}c\u{1B}7\u{1B}8\u{07}", replies: 0, emptyQuestion: true),
        line("OSC 0 title set", "\u{1B}]0;pwned\u{07}what causes knots"),
        line("OSC 8 hyperlink", "\u{1B}]8;;https://evil.example/\u{1B}\\click here\u{1B}]8;;\u{1B}\\ who wrote it"),
        line("OSC 52 clipboard write", "\u{1B}]52;c;ZWNobyBwd25lZA==\u{07}what causes knots"),
        // An OSC that is never terminated runs to the end of its line, as it would on a terminal.
        HostileCase(
            name: "unterminated OSC", input: Array("\u{1B}]0;pwned who wrote it\nwhat causes knots\n".utf8),
            replies: 1, arguments: [Array("\u{1B}]0;pwned who wrote it".utf8)], emptyQuestion: true),
        line(
            "C1 CSI, OSC and ST as characters (U+009B, U+009D, U+009C)",
            "\u{9B}2J\u{9B}31mwho wrote it\u{9D}0;pwned\u{9C}"),
        HostileCase(
            name: "C1 CSI as a raw byte 0x9B",
            input: [0x9B] + Array("2J".utf8) + [0x9B] + Array("31mwhat causes knots\n".utf8),
            replies: 1, arguments: [[0x9B] + Array("2J".utf8) + [0x9B] + Array("31mwhat causes knots".utf8)]),
        line("right-to-left: Arabic", "ما الذي يسبب عقد العضلات؟"),
        line("right-to-left: Hebrew", "מה גורם לקשרים בשרירים?"),
        line("right-to-left override U+202E and isolates", "what causes \u{202E}stonk\u{202C} \u{2067}knots\u{2069}"),
        line("combining characters: stacked accents", "whe\u{301}\u{301}\u{301}\u{301}re do kno\u{308}\u{308}ts form"),
        line("combining characters: zalgo", zalgo("what causes muscle knots")),
        line("emoji: ZWJ sequences, flags, skin tones", "👨‍👩‍👧‍👦 🏳️‍🌈 🇬🇧🇺🇸🇺🇦 what causes knots? 💪🏽🤷‍♀️"),
        line("Chinese", "肌肉结是什么原因造成的？"),
        line("Russian", "Что вызывает мышечные узлы?"),
        line("Greek", "Τι προκαλεί τους μυϊκούς κόμπους;"),
        line("Hindi", "मांसपेशियों में गांठें क्यों होती हैं?"),
        HostileCase(
            name: "slash commands with a path and escapes",
            input: Array("/save ../../../tmp/pwned\n/x\u{1B}]0;pwned\u{07}\u{9B}2J\n/why\u{1B}[2J\n/sources\n".utf8),
            replies: 4, arguments: [Array("/save ../../../tmp/pwned".utf8)]),
        // Random bytes hold NULs, so there is no one-shot form; how many lines are blank once
        // cleaned is not known in advance (`binaryIsNeverAGoodbye` bounds it).
        HostileCase(name: "binary file (64 KB, fixed seed)", input: binary),
        // Many lines are many questions: no one-shot form.
        HostileCase(name: "20,000 short lines", input: manyLines, replies: 20_000),
    ]

    /// Each letter of `text` under a dozen combining marks.
    static func zalgo(_ text: String) -> String {
        var result = ""
        for (index, character) in text.enumerated() {
            result.append(character)
            for mark in 0..<12 {
                result.unicodeScalars.append(Unicode.Scalar(0x300 + UInt32((index * 7 + mark * 5) % 0x70))!)
            }
        }
        return result
    }

    /// 64 KB of pseudo-random bytes (SplitMix64, fixed seed), the same on every run.
    static let binary: [UInt8] = {
        var state: UInt64 = 0x4B6E_6F74_426F_7421
        var bytes: [UInt8] = []
        bytes.reserveCapacity(65_536)
        while bytes.count < 65_536 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var value = state
            value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
            value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
            value ^= value >> 31
            for shift in stride(from: 0, to: 64, by: 8) { bytes.append(UInt8(truncatingIfNeeded: value >> shift)) }
        }
        return bytes
    }()

    /// 20,000 short questions, none a goodbye, with a blank line after every hundredth.
    static let manyLines: [UInt8] = {
        let questions = [
            "what causes knots", "tell me more", "who wrote it", "how do I release one", "hi",
            "what is a trigger point",
            "is the pain sharp?",
        ]
        var text = ""
        for index in 0..<20_000 {
            text += questions[index % questions.count] + "\n"
            if index % 100 == 99 { text += "\n" }
        }
        return Array(text.utf8)
    }()
}

/// The assertions every hostile run shares.
enum Hostile {
    /// How long a hostile run may take: a bound for a hung run, not a speed check.
    ///
    /// 60 s: the debug binary answers the 20,000 short lines in 19 s on 2 cores with nothing else
    /// running, so 20 s failed whenever another test ran beside it. Five times that under a sanitizer
    /// (`scripts/sanitize`), whose instrumented binary runs several times slower.
    static let timeout: Duration =
        ProcessInfo.processInfo.environment["KNOTBOT_SANITIZER"] == nil ? .seconds(60) : .seconds(300)

    /// What a crash leaves on stderr: Swift's runtime errors and backtracer, and the shell's reports.
    static let crashMarkers = [
        "Fatal error", "Stack dump", "Backtrace", "Segmentation fault", "SIGSEGV", "Illegal instruction", "0x0000",
        "Program crashed", "crashed:", "SIGILL", "SIGABRT", "SIGTRAP", "SIGBUS", "Aborted", "Trace/breakpoint trap",
    ]

    /// The keys of the JSON contract (README, "Asking").
    static let jsonKeys: Set<String> = ["answer", "understood", "urgent", "sources", "intent", "confidence"]

    /// Checks that the run finished in time with `status`, left no crash report on stderr, and wrote
    /// to stdout only UTF-8 text without control characters other than "\n".
    ///
    /// Raw bytes 0x1B and 0x9B are what a terminal obeys. 0x1B is checked byte by byte. 0x9B is
    /// legitimately the continuation byte of many characters (U+00DB is C3 9B, 益 is E7 9B 8A), so it
    /// is checked as "stdout is valid UTF-8", which leaves 0x9B only inside whole characters, and "no
    /// C1 control scalar", which excludes U+009B (C2 9B). A successful run must also leave stderr empty.
    static func expectSafe(
        _ run: Knotbot.Result, status: Int32 = 0, _ context: String, sourceLocation: SourceLocation = #_sourceLocation
    ) {
        #expect(
            !run.timedOut, "\(context): still running after \(Hostile.timeout); killed",
            sourceLocation: sourceLocation)
        #expect(
            run.status == status,
            "\(context): exit status \(run.status), expected \(status); stderr: \(snippet(run.stderr))",
            sourceLocation: sourceLocation)
        for marker in crashMarkers where run.stderr.contains(marker) {
            Issue.record(
                "\(context): stderr shows a crash (\(marker)): \(snippet(run.stderr))", sourceLocation: sourceLocation)
        }
        if status == 0 {
            #expect(
                run.stderr.isEmpty, "\(context): stderr is not empty: \(snippet(run.stderr))",
                sourceLocation: sourceLocation)
        }
        #expect(
            !run.stdoutBytes.contains(0x1B), "\(context): stdout holds a raw ESC byte", sourceLocation: sourceLocation)
        guard let text = String(validating: run.stdoutBytes, as: UTF8.self) else {
            Issue.record(
                "\(context): stdout is not valid UTF-8 (raw 0x9B: \(run.stdoutBytes.contains(0x9B)))",
                sourceLocation: sourceLocation)
            return
        }
        let controls = text.unicodeScalars.filter { $0 != "\n" && $0.properties.generalCategory == .control }
        #expect(
            controls.isEmpty,
            "\(context): stdout holds control characters \(controls.prefix(8).map { "U+" + String($0.value, radix: 16) })",
            sourceLocation: sourceLocation)
    }

    /// Parses each line of a `--json` run as one reply with exactly the contract's keys and types.
    static func replies(
        _ run: Knotbot.Result, _ context: String, sourceLocation: SourceLocation = #_sourceLocation
    ) -> [[String: Any]] {
        guard !run.stdout.isEmpty else { return [] }
        #expect(
            run.stdoutBytes.last == 0x0A, "\(context): the last reply has no newline", sourceLocation: sourceLocation)
        var objects: [[String: Any]] = []
        for line in run.stdout.split(separator: "\n", omittingEmptySubsequences: false).dropLast() {
            guard let object = (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any] else {
                Issue.record("\(context): not a JSON object: \(snippet(String(line)))", sourceLocation: sourceLocation)
                continue
            }
            #expect(
                Set(object.keys) == jsonKeys, "\(context): keys \(object.keys.sorted())", sourceLocation: sourceLocation
            )
            let confidence = (object["confidence"] as? NSNumber)?.doubleValue ?? -1
            let typed =
                (object["answer"] as? String).map { !$0.isEmpty } == true && object["understood"] is Bool
                && object["urgent"] is Bool && object["sources"] is [String]
                && (object["intent"] is String || object["intent"] is NSNull) && (0...1).contains(confidence)
            #expect(
                typed, "\(context): a value has the wrong type: \(snippet(String(line)))",
                sourceLocation: sourceLocation)
            objects.append(object)
        }
        return objects
    }

    /// Whether the text says the input was cut to 2,000 characters.
    static func mentionsCut(_ text: String) -> Bool {
        text.contains("2000") || text.contains("2,000")
    }

    /// The start of a long text, for messages.
    static func snippet(_ text: String) -> String {
        text.count > 300 ? String(text.prefix(300)).debugDescription + "..." : text.debugDescription
    }
}

@Suite("Hostile input to the binary")
struct HostileInputTests {
    @Test("piped with --json: one reply object per line that is not blank, nothing raw", arguments: HostileCase.all)
    func pipedJSON(_ hostile: HostileCase) throws {
        let run = try Knotbot.run(bytes: [Array("--json".utf8)], input: hostile.input, timeout: Hostile.timeout)
        Hostile.expectSafe(run, "piped --json")
        let replies = Hostile.replies(run, "piped --json")
        if let expected = hostile.replies {
            #expect(replies.count == expected, "one reply per line that is not blank once cleaned")
        }
        if hostile.isHuge {
            #expect(run.duration < .seconds(1), "a megabyte line took \(run.duration)")
        }
        if hostile.isCut {
            #expect(
                replies.contains { Hostile.mentionsCut($0["answer"] as? String ?? "") }
                    || Hostile.mentionsCut(run.stderr),
                "the reply or stderr says the input was cut to 2,000 characters: \(Hostile.snippet(run.stdout))")
        }
    }

    @Test("piped without --json: plain replies, nothing raw", arguments: HostileCase.all)
    func pipedPlain(_ hostile: HostileCase) throws {
        let run = try Knotbot.run(bytes: [], input: hostile.input, timeout: Hostile.timeout)
        Hostile.expectSafe(run, "piped plain")
        if hostile.replies == 0 {
            #expect(run.stdout.isEmpty, "no replies to blank lines: \(Hostile.snippet(run.stdout))")
        } else {
            #expect(!run.stdout.isEmpty, "a reply")
        }
        if hostile.isHuge {
            #expect(run.duration < .seconds(1), "a megabyte line took \(run.duration)")
        }
        if hostile.isCut {
            #expect(
                Hostile.mentionsCut(run.stdout) || Hostile.mentionsCut(run.stderr),
                "the reply or stderr says the input was cut to 2,000 characters: \(Hostile.snippet(run.stdout))")
        }
    }

    @Test(
        "as a one-shot question, plain and --json (cases argv can carry)",
        arguments: HostileCase.all.filter { $0.arguments != nil })
    func oneShot(_ hostile: HostileCase) throws {
        let arguments = try #require(hostile.arguments)
        for json in [false, true] {
            let context = json ? "one-shot --json" : "one-shot plain"
            let run = try Knotbot.run(bytes: (json ? [Array("--json".utf8)] : []) + arguments, timeout: Hostile.timeout)
            if hostile.emptyQuestion {
                Hostile.expectSafe(run, status: 64, context)
                #expect(run.stderr.contains("The question is empty"), "\(context): \(Hostile.snippet(run.stderr))")
                #expect(run.stdout.isEmpty, "\(context): \(Hostile.snippet(run.stdout))")
                continue
            }
            Hostile.expectSafe(run, context)
            if json {
                #expect(Hostile.replies(run, context).count == 1, "\(context): exactly one object")
            } else {
                #expect(!run.stdout.isEmpty, "\(context): an answer")
            }
            if hostile.isHuge {
                #expect(run.duration < .seconds(1), "\(context): a megabyte question took \(run.duration)")
            }
            if hostile.isCut {
                #expect(
                    Hostile.mentionsCut(run.stdout) || Hostile.mentionsCut(run.stderr),
                    "\(context): the reply or stderr says the question was cut: \(Hostile.snippet(run.stdout))")
            }
        }
    }

    @Test("binary junk is never taken for a goodbye: the session reads to the end of the file")
    func binaryIsNeverAGoodbye() throws {
        let run = try Knotbot.run(bytes: [Array("--json".utf8)], input: HostileCase.binary, timeout: Hostile.timeout)
        Hostile.expectSafe(run, "binary --json")
        let replies = Hostile.replies(run, "binary --json")
        let lines = HostileCase.binary.split(separator: 0x0A, omittingEmptySubsequences: false)
        // A line with an ASCII letter and no ESC (which could start a sequence that swallows it) is
        // certainly not blank once cleaned; a line with no bytes at all certainly is.
        let surely = lines.filter { line in !line.contains(0x1B) && line.contains { isASCIILetter($0) } }.count
        let atMost = lines.filter { !$0.isEmpty }.count
        let farewells = replies.filter { $0["intent"] as? String == "goodbye" }
        #expect(
            farewells.isEmpty,
            "random bytes were taken for a goodbye, which ends the session: \(farewells.count) of \(replies.count)")
        #expect(
            (surely...atMost).contains(replies.count),
            "\(replies.count) replies to \(lines.count) lines: between \(surely) and \(atMost) expected")
    }

    private func isASCIILetter(_ byte: UInt8) -> Bool {
        (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
    }
}

@Suite("A hostile environment for the binary")
struct HostileEnvironmentTests {
    /// 5,000 questions, enough that the reader of the pipe has long gone when knotbot next writes.
    static let fiveThousandLines = Array(String(repeating: "what causes knots\nwho wrote it\n", count: 2_500).utf8)

    @Test(
        "stdout closed after one line (knotbot --json < big | head -1): quiet, with SIGPIPE or without",
        arguments: ["default SIGPIPE", "ignored SIGPIPE"])
    func closedPipe(_ signal: String) throws {
        let folder = try Knotbot.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let input = folder.appendingPathComponent("in")
        let errors = folder.appendingPathComponent("err")
        let status = folder.appendingPathComponent("status")
        try Data(Self.fiveThousandLines).write(to: input)
        // The shell reports the status of the pipeline's last command (head), so knotbot's own is
        // written to a file. `trap '' PIPE` makes knotbot inherit an ignored SIGPIPE, as under nohup.
        let ignore = signal == "ignored SIGPIPE" ? "trap '' PIPE; " : ""
        let script = ignore + "{ \"$0\" --json < \"$1\" 2> \"$2\"; echo $? > \"$3\"; } | head -n 1"
        let run = try Knotbot.run(
            ["-c", script, Knotbot.binary.path, input.path, errors.path, status.path],
            executable: URL(fileURLWithPath: "/bin/sh"), timeout: Hostile.timeout)
        #expect(!run.timedOut, "the pipeline still ran after 20 s")
        #expect(run.status == 0, "head's status: \(run.status)")
        let lines = run.stdout.split(separator: "\n")
        #expect(lines.count == 1, "head printed one line: \(Hostile.snippet(run.stdout))")
        if let first = lines.first {
            let object = (try? JSONSerialization.jsonObject(with: Data(first.utf8))) as? [String: Any]
            #expect(
                object.map { Set($0.keys) } == Hostile.jsonKeys, "one JSON reply: \(Hostile.snippet(String(first)))")
        }
        let stderr = try String(decoding: Data(contentsOf: errors), as: UTF8.self)
        #expect(stderr.isEmpty, "knotbot wrote to stderr: \(Hostile.snippet(stderr))")
        for marker in Hostile.crashMarkers where stderr.contains(marker) {
            Issue.record("stderr shows a crash (\(marker))")
        }
        let code = try String(decoding: Data(contentsOf: status), as: UTF8.self).trimmingCharacters(in: .whitespaces)
            .trimmingCharacters(in: .newlines)
        // 141 is 128 + SIGPIPE (13): the ordinary end of a writer whose reader has gone.
        let accepted = signal == "ignored SIGPIPE" ? ["0"] : ["0", "141"]
        #expect(accepted.contains(code), "knotbot's status \(code), expected one of \(accepted)")
    }

    static let strace = "/usr/bin/strace"

    @Test(
        "no network: a one-shot question and a piped session make no network system call",
        .enabled(
            if: FileManager.default.isExecutableFile(atPath: strace),
            "strace is missing: scripts/install-deps installs it"))
    func noNetwork() throws {
        let folder = try Knotbot.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let sessions: [(name: String, arguments: [String], input: String)] = [
            ("one-shot", ["--json", "what causes muscle knots?"], ""),
            ("piped", [], "what causes knots\ntell me more\n/why\nI fell off my bike and my back hurts\nbye\n"),
        ]
        for session in sessions {
            let trace = folder.appendingPathComponent("\(session.name).trace")
            let arguments =
                [Self.strace, "-f", "-e", "trace=network", "-o", trace.path, Knotbot.binary.path]
                + session.arguments
            let run = try Knotbot.run(
                Array(arguments.dropFirst()), input: session.input, executable: URL(fileURLWithPath: Self.strace),
                timeout: Hostile.timeout)
            try #require(run.status == 0, "\(session.name): strace or knotbot failed: \(Hostile.snippet(run.stderr))")
            #expect(!run.stdout.isEmpty, "\(session.name): knotbot answered")
            let calls = try String(contentsOf: trace, encoding: .utf8).split(separator: "\n").filter {
                !$0.contains("+++") && !$0.contains("---")
            }
            #expect(calls.isEmpty, "\(session.name): network system calls: \(calls.prefix(5))")
        }
    }

    /// The permission bits of every file and folder under `folder` (itself included), by path.
    private func modes(under folder: URL) throws -> [(path: String, isFolder: Bool, mode: Int)] {
        let manager = FileManager.default
        let paths = [folder.path] + (manager.subpaths(atPath: folder.path) ?? []).map { folder.path + "/" + $0 }
        return try paths.map { path in
            let attributes = try manager.attributesOfItem(atPath: path)
            let mode = (attributes[.posixPermissions] as? NSNumber)?.intValue ?? -1
            return (path, attributes[.type] as? FileAttributeType == .typeDirectory, mode)
        }
    }

    /// Checks that every folder under `folder` is 0700 and every file 0600.
    private func expectPrivate(_ folder: URL, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let found = try modes(under: folder)
        #expect(!found.isEmpty, "\(folder.path) was created", sourceLocation: sourceLocation)
        for item in found {
            let expected = item.isFolder ? 0o700 : 0o600
            #expect(
                item.mode == expected,
                "\(item.path) is \(String(item.mode, radix: 8)), expected \(String(expected, radix: 8))",
                sourceLocation: sourceLocation)
        }
    }

    @Test("umask 000: --transcript, the folders it makes and /save are private; a pipe stores nothing else")
    func permissiveUmask() throws {
        let folder = try Knotbot.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let state = folder.appendingPathComponent("state")
        let transcript = folder.appendingPathComponent("session.jsonl")
        let nested = folder.appendingPathComponent("new/deeper")
        let saved = folder.appendingPathComponent("saved")
        let script = "umask 000; exec \"$@\""
        let runs: [[String]] = [
            ["--transcript", transcript.path],
            ["--json", "--transcript", nested.appendingPathComponent("session.jsonl").path],
            ["--transcript", folder.appendingPathComponent("with-save.jsonl").path, "--transcripts-dir", saved.path],
        ]
        for arguments in runs {
            let run = try Knotbot.run(
                ["-c", script, "sh", Knotbot.binary.path] + arguments,
                input: "who wrote it\nwhat causes knots\n/save hostile umask\n",
                executable: URL(fileURLWithPath: "/bin/sh"),
                environment: ["XDG_STATE_HOME": state.path], timeout: Hostile.timeout)
            Hostile.expectSafe(run, "umask 000, \(arguments.joined(separator: " "))")
        }
        for file in [transcript, nested.appendingPathComponent("session.jsonl")] {
            let mode = try FileManager.default.attributesOfItem(atPath: file.path)[.posixPermissions] as? NSNumber
            #expect(mode?.intValue == 0o600, "\(file.path) is \(String(mode?.intValue ?? -1, radix: 8))")
        }
        try expectPrivate(folder.appendingPathComponent("new"))
        try expectPrivate(saved)
        #expect(
            FileManager.default.fileExists(atPath: saved.appendingPathComponent("hostile-umask.jsonl").path),
            "/save wrote its file")
        #expect(
            !FileManager.default.fileExists(atPath: state.path), "a piped session stores nothing in the state folder")
    }

    @Test("umask 000: a chat's state folder, history and transcript are private (XDG_STATE_HOME not yet there)")
    func permissiveUmaskChat() throws {
        try #require(TerminalDriver.tmux != nil, "tmux is needed (scripts/install-deps installs it)")
        let folder = try Knotbot.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        // XDG_STATE_HOME does not exist yet: whatever knotbot creates from there down must be private.
        let state = folder.appendingPathComponent("xdg/state")
        let terminal = TerminalDriver()
        defer { terminal.stop() }
        try terminal.start(
            "sh -c 'umask 000; exec env XDG_STATE_HOME=\(state.path) TERM=xterm \(Knotbot.binary.path)'")
        try terminal.waitFor("you>")
        try terminal.type("who wrote it", "Enter")
        try terminal.waitFor("Daniel")
        try terminal.waitFor("you>", count: 2)
        try terminal.type("C-d")
        try terminal.waitForExit()
        try expectPrivate(folder.appendingPathComponent("xdg"))
        let stored = try modes(under: state.appendingPathComponent("knotbot")).map {
            String($0.path.dropFirst(state.path.count))
        }
        #expect(stored.contains("/knotbot/history"), "the history was written: \(stored)")
        #expect(stored.contains { $0.hasPrefix("/knotbot/transcripts/") }, "the chat was recorded: \(stored)")
    }
}
