import Foundation
import Testing

@testable import KnotBotKit

/// The labelled sets kept in Fixtures, scored through the same `Evaluator` that `knotbot eval` uses,
/// so a change that makes understanding worse fails CI.
@Suite("Labelled regression sets")
struct RegressionSetTests {
    static func questions(_ name: String) throws -> [LabelledQuestion] {
        try LabelledSet.questions(DataFile.read(Fixtures.fixtures.appendingPathComponent(name)))
    }

    static func dialogues(_ name: String) throws -> [LabelledDialogue] {
        try LabelledSet.dialogues(DataFile.read(Fixtures.fixtures.appendingPathComponent(name)))
    }

    static func misses(_ report: EvaluationReport) -> String {
        report.misses.map { "\($0.expected) | \($0.q) | \($0.reason)" }.joined(separator: "\n")
    }

    @Test("single questions: >= 97% right, every red flag caught, <= 1% false urgent, >= 95% out-of-scope declined")
    func singleQuestions() throws {
        let report = Evaluator(assistant: Fixtures.assistant).evaluate(
            questions: try Self.questions("regression-single.jsonl"))
        let summary = report.summary
        #expect((summary.single ?? 0) >= 97, "\(summary.line)\n\(Self.misses(report))")
        #expect(summary.redflagRecall == 100, "\(Self.misses(report))")
        #expect((summary.falseUrgent ?? 100) <= 1)
        #expect((summary.oos ?? 0) >= 95)
    }

    @Test(
        "labelled conversations, the shared set and our own: >= 90% of turns right, every red flag caught",
        arguments: ["regression-dialogues.jsonl", "own-dialogues.jsonl"])
    func conversations(file: String) throws {
        let report = Evaluator(assistant: Fixtures.assistant).evaluate(
            questions: [], dialogues: try Self.dialogues(file))
        #expect((report.summary.dialogue ?? 0) >= 90, "\(report.summary.line)\n\(Self.misses(report))")
        #expect(!report.misses.contains { $0.expected == "red_flag" }, "\(Self.misses(report))")
    }
}
