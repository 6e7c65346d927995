import Foundation
import Testing

@testable import KnotBotKit

/// Mutation testing: what the transcripts notice when the data is changed, and what a harmless
/// retrain leaves alone.
@Suite("Mutation testing")
struct MutationTests {
    static let source: MutationSource = {
        do {
            return try MutationSource.compile(intentsFolder: Fixtures.intents, knowledge: Fixtures.model.knowledge)
        } catch {
            fatalError("the repository's intents do not compile: \(error)")
        }
    }()

    static func transcripts() throws -> [Transcript] {
        try TranscriptReader.files(at: [RepositoryTranscriptTests.folder.path]).compactMap {
            try TranscriptReader.read(DataFile.read($0))
        }
    }

    @Test("an example added to one intent retrains the classifier, and every transcript still replays")
    func harmlessRetrain() throws {
        let folder = try Fixtures.copyOfIntents()
        defer { try? FileManager.default.removeItem(at: folder.deletingLastPathComponent()) }
        let file = folder.appendingPathComponent("sources.yaml")
        let text = try String(contentsOf: file, encoding: .utf8)
        try text.replacingOccurrences(of: "examples:\n", with: "examples:\n  - which websites did this come from\n")
            .write(to: file, atomically: true, encoding: .utf8)
        let retrained = try ModelCompiler.compile(intentsFolder: folder, knowledge: Fixtures.model.knowledge)
        #expect(retrained.classifier != Fixtures.model.classifier)
        let replayer = Replayer(assistant: Assistant(model: retrained))
        for transcript in try Self.transcripts() {
            let result = replayer.replay(transcript)
            var report = ReplayReport()
            report.add(result)
            #expect(result.passed, "\(report.lines.joined(separator: "\n"))")
        }
    }

    @Test("dropping a red-flag rule a conversation relies on fails its replay")
    func droppedRuleFailsReplay() throws {
        let mutation = try #require(
            Self.source.mutations().first {
                $0.kind == .redFlagRule && $0.change.hasPrefix("drop rule 1 ") && $0.group == "flag both-legs"
            })
        let replayer = Replayer(assistant: Self.source.assistant(for: mutation))
        let failed = try Self.transcripts().filter { !replayer.replay($0).passed }
        #expect(!failed.isEmpty)
        let outcome = MutationTester(source: Self.source, transcripts: try Self.transcripts()).test(mutation)
        #expect(outcome.ran && outcome.noticed, "\(outcome)")
    }

    @Test("a concept word no test input holds is not noticed, without running the tests")
    func unexercisedWordSkipped() throws {
        let tester = MutationTester(source: Self.source, transcripts: try Self.transcripts())
        let words = Self.source.mutations().filter { $0.kind == .conceptWord }
        let unexercised = try #require(words.first { !tester.canChangeATest($0) })
        let skipped = tester.test(unexercised)
        #expect(!skipped.ran && !skipped.noticed)
        let exercised = try #require(words.first { tester.canChangeATest($0) })
        #expect(tester.test(exercised).ran)
    }

    @Test("a concept word its concept still matches without is redundant, and counts in no score")
    func redundantWord() throws {
        let tester = MutationTester(source: Self.source, transcripts: try Self.transcripts())
        let arms = try #require(Self.source.mutations().first { $0.change == "drop 'arms' from concept arm" })
        let outcome = tester.test(arms)
        #expect(outcome.redundant && !outcome.noticed)
        let report = MutationReport(outcomes: [outcome], transcripts: 1, match: .behaviour)
        #expect(report.safety.total == 0 && report.unnoticed.isEmpty)
        #expect(report.lines.contains("  concept arm: 'arms'"))
    }

    @Test("an example the bot still answers as before without it is redundant; one it answers otherwise is not")
    func redundantExample() throws {
        // No transcripts, so nothing is noticed and each example is judged on its own text alone.
        let tester = MutationTester(source: Self.source, transcripts: [])
        let examples = Self.source.mutations().filter { $0.kind == .example }.prefix(60)
        let outcomes = examples.map { tester.test($0) }
        let redundant = try #require(outcomes.first { $0.redundant })
        #expect(outcomes.contains { !$0.redundant }, "some example's own text is answered otherwise without it")
        let text = try #require(Self.source.ownTexts(of: redundant.mutation).first)
        let before = Fixtures.assistant.respond(to: text, in: .start).reply
        let after = Self.source.assistant(for: redundant.mutation).respond(to: text, in: .start).reply
        #expect(before.intent == after.intent && before.understood == after.understood)
        let report = MutationReport(outcomes: [redundant], transcripts: 0, match: .behaviour)
        #expect(report.overall.total == 0)
        #expect(report.lines.contains("  \(redundant.mutation.group): 1 example"), "\(report.lines)")
    }

    @Test("every kind of mutation is made, and each changes the model it names")
    func kinds() {
        let mutations = Self.source.mutations()
        #expect(Set(mutations.map(\.kind)) == Set(Mutation.Kind.allCases))
        #expect(mutations.filter(\.isSafety).allSatisfy { $0.kind == .redFlagRule || $0.kind == .conceptWord })
        let keyword = mutations.first { $0.kind == .keyword }!
        #expect(Self.source.assistant(for: keyword).model.classifier != Self.source.model.classifier)
        let example = mutations.first { $0.kind == .example }!
        #expect(Self.source.assistant(for: example).model.classifier != Self.source.model.classifier)
    }

    @Test("a sample is fixed by its seed and keeps the mutations' order")
    func sample() {
        let mutations = Self.source.mutations()
        let first = MutationSample.pick(mutations, count: 50, seed: 3)
        #expect(first.count == 50)
        #expect(first == MutationSample.pick(mutations, count: 50, seed: 3))
        #expect(first != MutationSample.pick(mutations, count: 50, seed: 4))
        let positions = first.map { mutation in mutations.firstIndex(of: mutation)! }
        #expect(positions == positions.sorted())
        #expect(MutationSample.pick(mutations, count: mutations.count + 1, seed: 1) == mutations)
    }

    @Test("the report groups what nothing noticed, safety first, and ends with the score")
    func report() {
        let flag = Mutation(
            kind: .conceptWord, group: "concept numbness", change: "drop 'numb*' from concept numbness",
            target: .conceptWord(concept: 0, pattern: 0))
        let keyword = Mutation(
            kind: .keyword, group: "intent causes", change: "drop keyword 'cause'", location: "Intents/causes.yaml:5",
            target: .keyword(0))
        let rule = Mutation(
            kind: .redFlagRule, group: "flag fever", change: "drop rule 1 (fever) of flag fever",
            target: .redFlagRule(flag: 0, rule: 0))
        let report = MutationReport(
            outcomes: [
                MutationOutcome(mutation: keyword, noticedBy: nil, ran: true),
                MutationOutcome(mutation: flag, noticedBy: nil, ran: false),
                MutationOutcome(mutation: rule, noticedBy: "transcripts/09.jsonl turn 1: urgent", ran: true),
            ], transcripts: 46, match: .behaviour)
        #expect(report.safety.text == "1/2 (50.0%)")
        #expect(report.overall.text == "1/3 (33.3%)")
        #expect(
            report.lines == [
                "not noticed by any test:",
                "  concept numbness: 1 of 1",
                "    drop 'numb*' from concept numbness",
                "  intent causes: 1 of 1",
                "    drop keyword 'cause' (Intents/causes.yaml:5)",
                "46 transcripts, match behaviour",
                "  red-flag rule:    1/1 (100.0%)",
                "  concept word:     0/1 (0.0%)",
                "  keyword:          0/1 (0.0%)",
                "safety mutation score: 1/2 (50.0%)",
                "mutation score: 1/3 (33.3%)",
            ])
    }
}
