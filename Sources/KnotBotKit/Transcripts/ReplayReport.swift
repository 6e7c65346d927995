/// The text of a replay run for people: a line per file, the differences of failing turns, and a
/// last line `N passed, N failed`.
public struct ReplayReport: Sendable {
    public private(set) var passed = 0
    public private(set) var failed = 0
    /// Whether any transcript could not be read (malformed), which sets exit code 65.
    public private(set) var hadMalformed = false
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
        if case .invalidData = error { hadMalformed = true }
        append("ERROR \(error)")
    }

    /// A transcript from elsewhere must not be able to send escape sequences to the terminal of
    /// whoever replays it, through its recorded text or its file name.
    private mutating func append(_ line: String) {
        lines.append(TerminalText.escaped(line))
    }

    public var summary: String { "\(passed) passed, \(failed) failed" }

    /// 0 when everything passed, 65 when a transcript was malformed, otherwise 1.
    public var exitCode: Int32 {
        if hadMalformed { return 65 }
        return failed > 0 ? 1 : 0
    }
}
