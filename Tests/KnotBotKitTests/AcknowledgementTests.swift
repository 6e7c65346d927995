import KnotBotKit
import Testing

/// One short word for the person before the answer when they say how they feel; none otherwise.
@Suite("A word for the person")
struct AcknowledgementTests {
    static func answer(_ text: String) -> Reply {
        Fixtures.assistant.respond(to: text, in: .start).reply
    }

    @Test(
        "someone who says they are scared, worried or fed up hears it acknowledged first",
        arguments: [
            "I'm really worried these knots mean something serious, what causes them?",
            "so fed up with this tight back, how do I release a knot?",
            "I'm scared it's something bad, what does a knot feel like?",
        ])
    func acknowledged(question: String) {
        let reply = Self.answer(question)
        #expect(reply.understood)
        #expect(reply.answer.hasPrefix("That sounds"), "\(reply.answer)")
        #expect(reply.answer.count <= AnswerComposer.maximumLength)
    }

    @Test(
        "plain questions, a question about worry and urgent replies get no acknowledgement",
        arguments: [
            "what causes muscle knots?", "is my back ache anything to worry about?",
            "I'm scared, both my legs have gone numb",
        ])
    func notAcknowledged(question: String) {
        let reply = Self.answer(question)
        #expect(!reply.answer.hasPrefix("That sounds"), "\(reply.answer)")
        #expect(!reply.answer.hasPrefix("I'm sorry you're"), "\(reply.answer)")
    }
}
