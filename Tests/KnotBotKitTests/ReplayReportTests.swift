import Testing

@testable import KnotBotKit

/// The replay report's text: a failing turn as labelled expected and actual sides with a word diff,
/// the style's marks and the wrapping, and diagnostics kept apart from the results.
@Suite("Replay report")
struct ReplayReportTests {
    static let header = TranscriptHeader(knotbot: "t", model: "m", started: "2026-01-01T00:00:00Z")

    /// A failed replay of a `turns`-turn transcript: turn 2, "what are knots", has these differences.
    static func result(_ differences: [TurnDifference], turns: Int = 3) -> ReplayResult {
        let turn = TranscriptTurn(
            turn: 1, utterance: "u", reply: Reply(answer: "a", understood: true, intent: nil, confidence: 1),
            state: DialogueState())
        let transcript = Transcript(
            path: "t.jsonl", header: header, turns: Array(repeating: turn, count: turns))
        return ReplayResult(
            path: "t.jsonl", transcript: transcript, replayed: [],
            mismatches: [.init(turn: 2, utterance: "what are knots", differences: differences)])
    }

    static let answer = TurnDifference(
        field: "answer",
        expected:
            "Hello there.\nThe article says: knots are small tight areas of muscle that can hurt a lot and often.",
        actual: "Hello there.\nThe article says: knots are small tight patches of muscle that can hurt a lot and often."
    )

    @Test("a failing turn: short fields on a line, the answer and sources as aligned expected and actual lines")
    func plainLayout() {
        var report = ReplayReport()
        report.add(
            Self.result([
                TurnDifference(field: "intent", expected: "what_is", actual: "thanks"),
                Self.answer,
                TurnDifference(field: "sources", expected: "Article: What\nhttps://example.org", actual: ""),
                TurnDifference(field: "state", expected: "answered (what_is)", actual: "idle"),
            ]))
        #expect(
            report.lines == [
                "FAIL t.jsonl: 1 of 3 turns differ",
                "  t.jsonl:turn 2: \"what are knots\"",
                "    intent: expected what_is, actual thanks",
                "    answer:",
                "      expected: Hello there.",
                "                The article says: knots are small tight areas of muscle that can hurt a lot and often.",
                "      actual:   Hello there.",
                "                The article says: knots are small tight patches of muscle that can hurt a lot and often.",
                "      diff:     ... article says: knots are small tight [-areas-] {+patches+} of muscle that can hurt a ...",
                "    sources:",
                "      expected: Article: What",
                "                https://example.org",
                "      actual:   (none)",
                "    state: expected answered (what_is), actual idle",
            ])
        #expect(report.diagnostics.isEmpty)
        #expect(report.summary == "0 passed, 1 failed")
    }

    @Test("a style marks each side's words and labels, never across a wrapped line; escapes do not count as width")
    func styledAndWrapped() {
        let style = ReplayStyle(expected: { "<r>\($0)</r>" }, actual: { "<g>\($0)</g>" }, label: { "<b>\($0)</b>" })
        // 44 columns leave 28 for the text after the 16 of the labels.
        var report = ReplayReport(renderer: TurnDifferenceRenderer(style: style, width: 44))
        report.add(
            Self.result([
                TurnDifference(field: "urgent", expected: "false", actual: "true"),
                TurnDifference(
                    field: "answer", expected: "knots are small tight areas of muscle",
                    actual: "knots are small tight patches or bands of muscle"),
            ]))
        #expect(
            report.lines == [
                "FAIL t.jsonl: 1 of 3 turns differ",
                "  t.jsonl:turn 2: \"what are knots\"",
                "    <b>urgent:</b> expected <r>false</r>, actual <g>true</g>",
                "    <b>answer:</b>",
                "      <r>expected:</r> knots are small tight areas",
                "                of muscle",
                "      <g>actual:</g>   knots are small tight",
                "                patches or bands of muscle",
                "      <b>diff:</b>     knots are small tight",
                "                <r>[-areas-]</r> <g>{+patches</g> <g>or</g>",
                "                <g>bands+}</g> of muscle",
            ])
    }

    @Test("answers that differ only in spacing or line breaks say so, rather than show an empty diff")
    func spacingOnly() {
        let lines = TurnDifferenceRenderer().lines(
            TurnDifference(field: "answer", expected: "a b\nc", actual: "a b c"), indent: "")
        #expect(
            lines == [
                "answer:", "  expected: a b", "            c", "  actual:   a b c",
                "  diff:     (the same words; only the spacing or line breaks differ)",
            ])
    }

    @Test("recorded text cannot drive the terminal: it is escaped before the style marks it")
    func escapesRecordedText() {
        let style = ReplayStyle(expected: { "<r>\($0)</r>" }, actual: { "<g>\($0)</g>" }, label: { $0 })
        let lines = TurnDifferenceRenderer(style: style).lines(
            TurnDifference(field: "answer", expected: "a \u{1B}[2J b", actual: "a b"), indent: "")
        #expect(lines[1] == "  <r>expected:</r> a \\u{1B}[2J b")
        #expect(lines[3] == "  diff:     a <r>[-\\u{1B}[2J-]</r> b")
    }

    @Test("the word diff keeps 6 words either side of each change and elides longer common runs")
    func elision() {
        let words = (1...20).map { "w\($0)" }
        let diff = WordDiff.elided(
            WordDiff.segments(
                from: (words + ["old"] + words).joined(separator: " "),
                to: (words + ["new"] + words).joined(separator: " ")),
            context: 6)
        #expect(
            diff == [
                .note("..."), .same("w15 w16 w17 w18 w19 w20"), .removed("old"), .added("new"),
                .same("w1 w2 w3 w4 w5 w6"), .note("..."),
            ])
        // A run one word longer than the context is kept whole: "..." would save nothing.
        let short = WordDiff.segments(from: "a b c d e f g x", to: "a b c d e f g y")
        #expect(WordDiff.elided(short, context: 6) == short)
        #expect(WordDiff.render(from: "x a b", to: "y a b") == "[-x-] {+y+} a b")
    }

    @Test("errors and warnings are diagnostics, file:line: first, apart from the results; an I/O error wins")
    func diagnosticsApart() {
        var report = ReplayReport()
        report.add(malformed: .invalidData([Diagnostic(file: "bad.jsonl", line: 2, message: "is not valid")]))
        report.add(malformed: .io(path: "fifo.jsonl", reason: "is a FIFO (named pipe), not a regular file"))
        report.add(skippedEmpty: "empty.jsonl")
        #expect(report.lines.isEmpty)
        #expect(
            report.diagnostics == [
                "bad.jsonl:2: error: is not valid",
                "fifo.jsonl: error: is a FIFO (named pipe), not a regular file",
                "empty.jsonl: warning: is empty (0 bytes); skipped",
            ])
        #expect(report.summary == "0 passed, 2 failed (2 with errors, on stderr), 1 skipped (empty)")
        #expect(report.exitCode == 74)
    }

    @Test("an update that cannot be written: the differences, its error, and one failed transcript")
    func updateError() {
        var report = ReplayReport()
        report.add(Self.result([Self.answer]), updateError: .io(path: "t.jsonl", reason: "cannot be written"))
        #expect(report.lines.first == "FAIL t.jsonl: 1 of 3 turns differ")
        #expect(report.diagnostics == ["t.jsonl: error: cannot be written"])
        #expect(report.summary == "0 passed, 1 failed (1 with errors, on stderr)")
        #expect(report.exitCode == 74)
    }
}
