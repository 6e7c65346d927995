import Testing

@testable import KnotBotKit

/// The replay report's text: diagnostics kept apart from the results.
@Suite("Replay report")
struct ReplayReportTests {
    static let header = TranscriptHeader(knotbot: "t", model: "m", started: "2026-01-01T00:00:00Z")

    /// A failed replay of a `turns`-turn transcript whose turn 2, "what are knots", differs so.
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
