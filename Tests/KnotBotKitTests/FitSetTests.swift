import Foundation
import KnotBotKit
import Testing

/// The fit-set keys of a labelled line (`must`, `must-not`, `split`), through the public API that
/// `knotbot eval` uses: a reply on the right topic is still wrong when it lacks the fact asked for.
@Suite("Fit set: must, must-not and split in labelled files")
struct FitSetTests {
    /// Reads `text` as a labelled questions file, returning the questions or the diagnostics.
    static func questions(_ text: String) -> Result<[LabelledQuestion], KnotBotError> {
        Result { () throws(KnotBotError) in try LabelledSet.questions(DataFile(path: "fit.jsonl", text: text)) }
    }

    /// The diagnostics of a file that must be refused, or none when it was read.
    static func diagnostics(_ text: String) -> [Diagnostic] {
        guard case .failure(.invalidData(let diagnostics)) = questions(text) else { return [] }
        return diagnostics
    }

    static func evaluate(_ text: String) throws -> EvaluationReport {
        Evaluator(assistant: Fixtures.assistant).evaluate(questions: try questions(text).get())
    }

    @Test("an answer on the right topic that holds one alternative of every group is right")
    func mustHeld() throws {
        let report = try Self.evaluate(
            #"{"q": "who wrote this article", "topic": "author", "must": [["daniel", "dan"], ["article"]]}"#)
        #expect(report.misses.isEmpty, "\(report.misses)")
        #expect(report.summary.single == 100)
    }

    @Test("a missing group makes a right-topic answer wrong, and the reason names the group")
    func mustMissing() throws {
        let report = try Self.evaluate(
            #"{"q": "who wrote this article", "topic": "author", "must": [["daniel"], ["30 seconds", "30-second"]]}"#)
        let miss = try #require(report.misses.first)
        #expect(miss.reason == #"missing one of ["30 seconds","30-second"]"#)
        #expect(miss.predicted == "author")
        #expect(report.summary.single == 0)
        #expect(report.topics.first?.correct == 0)
    }

    @Test("a must-not phrase in the answer makes it wrong, and the reason quotes the phrase")
    func mustNotSaid() throws {
        let report = try Self.evaluate(
            #"{"q": "who wrote this article", "topic": "author", "must-not": ["a sharp pain", "Daniel"]}"#)
        let miss = try #require(report.misses.first)
        #expect(miss.reason == #"says "Daniel""#)
    }

    @Test("the topic rubric is reported before the fact check")
    func topicFirst() throws {
        let report = try Self.evaluate(#"{"q": "what is the capital of peru", "topic": "author", "must": [["x"]]}"#)
        let miss = try #require(report.misses.first)
        #expect(!miss.reason.hasPrefix("missing one of"), "\(miss.reason)")
    }

    @Test("dialogue turns are checked for their facts too, and overall counts singles and turns together")
    func dialogueTurns() throws {
        let dialogue = LabelledDialogue(turns: [
            LabelledQuestion(q: "hello", topic: "greeting"),
            LabelledQuestion(q: "who wrote this article", topic: "author", must: [["nobody-says-this"]]),
        ])
        let single = LabelledQuestion(q: "who wrote this article", topic: "author", must: [["daniel"]])
        let report = Evaluator(assistant: Fixtures.assistant).evaluate(questions: [single], dialogues: [dialogue])
        let miss = try #require(report.misses.first)
        #expect(miss.dialogue == 1 && miss.turn == 2)
        #expect(miss.reason == #"missing one of ["nobody-says-this"]"#)
        #expect(report.summary.dialogue == 50)
        #expect(report.summary.overall.map { abs($0 - 200.0 / 3) < 0.001 } == true)
        #expect(report.summary.line.hasSuffix(" oos n/a overall 66.7%"), "\(report.summary.line)")
    }

    @Test("split keeps only the items marked with it; without a split everything is kept")
    func splitFiltering() throws {
        let questions = try Self.questions(
            """
            {"q": "a", "topic": "author", "split": "tune"}
            {"q": "b", "topic": "author", "split": "test"}
            {"q": "c", "topic": "author"}
            """
        ).get()
        #expect(LabelledSet.questions(questions, in: .test).map(\.q) == ["b"])
        #expect(LabelledSet.questions(questions, in: .tune).map(\.q) == ["a"])
        #expect(LabelledSet.questions(questions, in: nil).count == 3)
        let dialogues = try LabelledSet.dialogues(
            DataFile(
                path: "fit_dialogues.jsonl",
                text: """
                    {"turns": [{"q": "hi", "topic": "greeting"}], "split": "test"}
                    {"turns": [{"q": "bye", "topic": "goodbye"}], "split": "tune"}
                    """))
        #expect(LabelledSet.dialogues(dialogues, in: .test).map { $0.turns[0].q } == ["hi"])
    }

    @Test("dev-set lines without the new keys read and score exactly as before")
    func devSetFormat() throws {
        let questions = try Self.questions(
            """
            {"q": "who wrote this article", "topic": "author"}
            {"q": "what is the capital of peru", "topic": "out_of_scope"}
            """
        ).get()
        #expect(questions.allSatisfy { $0.must.isEmpty && $0.mustNot.isEmpty && $0.split == nil })
        #expect(questions.allSatisfy { $0.factProblem(in: "") == nil })
        let encoded = try JSONEncoder().encode(questions[0])
        let keys = try #require(try JSONSerialization.jsonObject(with: encoded) as? [String: Any]).keys
        #expect(Set(keys) == ["q", "topic"])
        let report = Evaluator(assistant: Fixtures.assistant).evaluate(questions: questions)
        #expect(report.misses.isEmpty && report.summary.single == 100 && report.summary.overall == 100)
    }

    @Test(
        "a malformed must, must-not or split is an error at its line",
        arguments: [
            (#"{"q": "hi", "topic": "greeting", "must": "firm"}"#, "expected {"),
            (#"{"q": "hi", "topic": "greeting", "must": ["firm", "wince"]}"#, "expected {"),
            (#"{"q": "hi", "topic": "greeting", "must": [[]]}"#, "empty group"),
            (#"{"q": "hi", "topic": "greeting", "must-not": "firm"}"#, "expected {"),
            (#"{"q": "hi", "topic": "greeting", "split": "train"}"#, #"unknown split "train""#),
        ])
    func malformed(line: String, message: String) {
        let diagnostics = Self.diagnostics("{\"q\": \"hello\", \"topic\": \"greeting\"}\n" + line + "\n")
        let diagnostic = diagnostics.first
        #expect(diagnostic?.file == "fit.jsonl" && diagnostic?.line == 2, "\(diagnostics)")
        #expect(diagnostic?.message.contains(message) == true, "\(diagnostics)")
    }

    @Test("an unknown split on a conversation is an error at its line")
    func malformedDialogueSplit() {
        let file = DataFile(path: "d.jsonl", text: #"{"turns": [{"q": "hi", "topic": "greeting"}], "split": "dev"}"#)
        var diagnostics: [Diagnostic] = []
        do {
            _ = try LabelledSet.dialogues(file)
        } catch {
            if case .invalidData(let found) = error { diagnostics = found }
        }
        #expect(diagnostics.first?.line == 1 && diagnostics.first?.message.contains("unknown split") == true)
    }
}
