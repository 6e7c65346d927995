/// The text of a replay run for people: a line per file, the differences of failing turns, and a
/// last line `N passed, N failed`.
public struct ReplayReport: Sendable {
    public private(set) var passed = 0
    public private(set) var failed = 0
    /// Whether any transcript could not be read (malformed), which sets exit code 65.
    public private(set) var hadMalformed = false
    public private(set) var lines: [String] = []

    public init() {}

    public mutating func add(_ result: ReplayResult, updated: Bool = false) {
        let turns = result.transcript.turns.count
        for warning in result.transcript.warnings { lines.append(warning.description) }
        if result.passed {
            passed += 1
            lines.append("PASS \(result.path) (\(turns) turns)")
            return
        }
        if updated {
            passed += 1
            lines.append("UPDATED \(result.path): \(result.mismatches.count) of \(turns) turns re-recorded")
        } else {
            failed += 1
            lines.append("FAIL \(result.path): \(result.mismatches.count) of \(turns) turns differ")
        }
        for mismatch in result.mismatches {
            lines.append("  \(result.path):turn \(mismatch.turn): \(mismatch.utterance.debugDescription)")
            for difference in mismatch.differences {
                lines.append("    " + difference.rendered)
            }
        }
    }

    public mutating func add(malformed error: KnotBotError) {
        failed += 1
        if case .invalidData = error { hadMalformed = true }
        lines.append("ERROR \(error)")
    }

    public var summary: String { "\(passed) passed, \(failed) failed" }

    /// 0 when everything passed, 65 when a transcript was malformed, otherwise 1.
    public var exitCode: Int32 {
        if hadMalformed { return 65 }
        return failed > 0 ? 1 : 0
    }
}
