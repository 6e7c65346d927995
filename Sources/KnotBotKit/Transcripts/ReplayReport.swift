/// The text of a replay run for people: a line per file, the differences of failing turns, and a
/// last line `N passed, N failed`.
public struct ReplayReport: Sendable {
    public private(set) var passed = 0
    public private(set) var failed = 0
    /// Whether any transcript could not be read (malformed), which sets exit code 65.
    public private(set) var hadMalformed = false
    /// Whether any transcript could not be read at all (a file or folder), which sets exit code 74.
    public private(set) var hadUnreadable = false
    /// Empty (0-byte) files, which hold no test: a warning each, neither passed nor failed.
    public private(set) var skipped = 0
    /// The report, every line safe to print: paths and recorded text are escaped (`TerminalText`).
    public private(set) var lines: [String] = []

    public init() {}

    public mutating func add(_ result: ReplayResult, updated: Bool = false) {
        let turns = result.transcript.turns.count
        for warning in result.transcript.warnings { append(warning.description) }
        if result.passed {
            passed += 1
            append("PASS \(result.path) (\(turns) turns)")
            return
        }
        if updated {
            passed += 1
            append("UPDATED \(result.path): \(result.mismatches.count) of \(turns) turns re-recorded")
        } else {
            failed += 1
            append("FAIL \(result.path): \(result.mismatches.count) of \(turns) turns differ")
        }
        for mismatch in result.mismatches {
            // Quoted, the utterance shows where it starts and ends.
            append(
                "  \(result.path):turn \(mismatch.turn): \"\(TerminalText.escaped(mismatch.utterance, quoting: true))\""
            )
            for difference in mismatch.differences {
                append("    " + difference.rendered)
            }
        }
    }

    public mutating func add(malformed error: KnotBotError) {
        failed += 1
        switch error {
        case .invalidData: hadMalformed = true
        case .io: hadUnreadable = true
        case .usage, .noInput: break
        }
        append("ERROR \(error)")
    }

    /// A transcript file of zero bytes: a session that recorded nothing (a full disk, a chat killed
    /// before its header was written) is no test, and no reason to fail the others.
    public mutating func add(skippedEmpty path: String) {
        skipped += 1
        append(
            Diagnostic(file: path, line: nil, severity: .warning, message: "is empty (0 bytes); skipped").description)
    }

    /// A transcript from elsewhere must not be able to send escape sequences to the terminal of
    /// whoever replays it, through its recorded text or its file name.
    private mutating func append(_ line: String) {
        lines.append(TerminalText.escaped(line))
    }

    public var summary: String {
        "\(passed) passed, \(failed) failed" + (skipped > 0 ? ", \(skipped) skipped (empty)" : "")
    }

    /// 0 when everything passed, 74 when a file or folder could not be read, 65 when a transcript
    /// was malformed, otherwise 1.
    public var exitCode: Int32 {
        if hadUnreadable { return 74 }
        if hadMalformed { return 65 }
        return failed > 0 ? 1 : 0
    }
}
