/// The text of a replay run for people: results for standard output, diagnostics for standard error.
///
/// `lines` holds a line per file and the differences of failing turns; `diagnostics` holds every
/// error and warning as `file:line: severity: message`, the shape editors and CI logs link to, so
/// that it can go to stderr apart from the results. `summary` is the last line,
/// `N passed, N failed`.
public struct ReplayReport: Sendable {
    public private(set) var passed = 0
    /// Transcripts that failed: a turn differs, or an error kept them from being replayed or updated.
    public private(set) var failed = 0
    /// Of the failed transcripts, those with an error in `diagnostics`.
    public private(set) var errored = 0
    /// Whether any transcript could not be read (malformed), which sets exit code 65.
    public private(set) var hadMalformed = false
    /// Whether any transcript could not be read at all (a file or folder), which sets exit code 74.
    public private(set) var hadUnreadable = false
    /// Empty (0-byte) files, which hold no test: a warning each, neither passed nor failed.
    public private(set) var skipped = 0
    /// The results, every line safe to print: paths and recorded text are escaped (`TerminalText`),
    /// and the only escapes are the renderer's style.
    public private(set) var lines: [String] = []
    /// The errors and warnings, one a line, escaped like `lines` and never styled.
    public private(set) var diagnostics: [String] = []
    /// How the differences of failing turns are laid out and marked.
    public var renderer: TurnDifferenceRenderer

    public init(renderer: TurnDifferenceRenderer = TurnDifferenceRenderer()) {
        self.renderer = renderer
    }

    public mutating func add(_ result: ReplayResult, updated: Bool = false) {
        let turns = result.transcript.turns.count
        for warning in result.transcript.warnings { diagnose(warning) }
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
                lines += renderer.lines(difference, indent: "    ")
            }
        }
    }

    /// A transcript that failed and whose re-recording (`--update`) could not be written: its
    /// differences, and the error, for one failed transcript.
    public mutating func add(_ result: ReplayResult, updateError error: KnotBotError) {
        add(result, updated: false)
        record(error)
    }

    /// A transcript that could not be replayed: a failure, with its error among the diagnostics.
    public mutating func add(malformed error: KnotBotError) {
        failed += 1
        record(error)
    }

    /// A transcript file of zero bytes: a session that recorded nothing (a full disk, a chat killed
    /// before its header was written) is no test, and no reason to fail the others.
    public mutating func add(skippedEmpty path: String) {
        skipped += 1
        diagnose(Diagnostic(file: path, line: nil, severity: .warning, message: "is empty (0 bytes); skipped"))
    }

    private mutating func record(_ error: KnotBotError) {
        errored += 1
        switch error {
        case .invalidData(let found):
            hadMalformed = true
            for diagnostic in found { diagnose(diagnostic) }
        case .io(let path, let reason):
            hadUnreadable = true
            diagnose(Diagnostic(file: path, line: nil, message: reason))
        case .noInput(let path, let reason):
            diagnose(Diagnostic(file: path, line: nil, message: reason))
        case .usage(let message):
            diagnose(Diagnostic(file: "knotbot", line: nil, message: message))
        }
    }

    /// A transcript from elsewhere must not be able to send escape sequences to the terminal of
    /// whoever replays it, through its recorded text or its file name.
    private mutating func append(_ line: String) {
        lines.append(TerminalText.escaped(line))
    }

    private mutating func diagnose(_ diagnostic: Diagnostic) {
        diagnostics.append(TerminalText.escaped(diagnostic.description))
    }

    /// `N passed, N failed`, then how many of the failed had errors and how many files were skipped,
    /// when any were.
    public var summary: String {
        "\(passed) passed, \(failed) failed"
            + (errored > 0 ? " (\(errored) with errors, on stderr)" : "")
            + (skipped > 0 ? ", \(skipped) skipped (empty)" : "")
    }

    /// 0 when everything passed, 74 when a file or folder could not be read, 65 when a transcript
    /// was malformed, otherwise 1.
    public var exitCode: Int32 {
        if hadUnreadable { return 74 }
        if hadMalformed { return 65 }
        return failed > 0 ? 1 : 0
    }
}
