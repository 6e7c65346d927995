import Foundation
import Testing

@testable import KnotBotKit

@Suite("Crisis language model")
struct CrisisLanguageTests {
    /// A copy of the intents whose crisis examples all carry one made-up word, so what the model
    /// learns can be told apart from what the rules say.
    static func model(floor: String = "0.95") throws -> BotModel {
        let folder = try Fixtures.copyOfIntents()
        let crisis = (1...30).map { "  - \"the zorblax thought came back again, number \($0)\"" }
        let other = (1...30).map { "  - \"my lower back is stiff after the gym, day \($0)\"" }
        let text = (["floor: \(floor)", "crisis:"] + crisis + ["other:"] + other).joined(separator: "\n") + "\n"
        try text.write(
            to: folder.appendingPathComponent(ModelCompiler.crisisLanguageFile), atomically: true, encoding: .utf8)
        let knowledge = try ModelCompiler.loadKnowledge(folder: Fixtures.knowledge)
        return try ModelCompiler.compile(intentsFolder: folder, knowledge: knowledge)
    }

    @Test("crisis talk the rules have no words for is met with the crisis tier; the rules alone raise nothing")
    func raisesWhatTheRulesMiss() throws {
        let assistant = Assistant(model: try Self.model())
        let text = "the zorblax thought came back again"
        #expect(assistant.detector.assess(assistant.analyzer.analyze(text)).raised.isEmpty)
        let reply = assistant.respond(to: text, in: .start).reply
        #expect(reply.urgent)
        #expect(reply.answer.contains("116 123") && reply.answer.contains("988"), "\(reply.answer)")
        // Nothing to read is nothing raised (an empty message crashed the sentence loop).
        #expect(!assistant.respond(to: "", in: .start).reply.urgent)
        #expect(assistant.model.crisisLanguage?.probability([]) == 0)
        // An ordinary question stays an ordinary question.
        #expect(!assistant.respond(to: "what stretches help a knot in my upper back?", in: .start).reply.urgent)
    }

    @Test("the model never replaces a warning sign the rules raised")
    func keepsTheRulesTier() throws {
        let assistant = Assistant(model: try Self.model())
        let reply = assistant.respond(
            to: "the zorblax thought came back again and i can't feel my bum when i wipe", in: .start
        )
        .reply
        #expect(reply.urgent)
        #expect(reply.answer.contains("999") || reply.answer.contains("911"), "\(reply.answer)")
    }

    @Test("the model survives the archive, and the shipped one is built")
    func archived() throws {
        let model = try Self.model()
        let decoded = try ModelArchive.decode(ModelArchive.encode(model), source: "test")
        #expect(decoded.crisisLanguage == model.crisisLanguage)
        #expect(Fixtures.model.crisisLanguage != nil)
    }

    @Test("a floor out of range is an error at its line")
    func badFloor() throws {
        #expect(throws: KnotBotError.self) { try Self.model(floor: "2") }
        do {
            _ = try Self.model(floor: "2")
        } catch let error as KnotBotError {
            guard case .invalidData(let diagnostics) = error else {
                Issue.record("unexpected \(error)")
                return
            }
            let found = diagnostics.first { $0.file.hasSuffix(ModelCompiler.crisisLanguageFile) }
            #expect(found?.line == 1, "\(diagnostics)")
        }
    }
}
