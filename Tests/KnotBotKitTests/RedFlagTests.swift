import Testing

@testable import KnotBotKit

@Suite("Red flags")
struct RedFlagTests {
    @Test(
        "described emergencies are urgent and send the person to care now",
        arguments: [
            "I can't feel my bum when I wipe",
            "been peeing myself since the back went",
            "both my legs have gone numb and weak",
            "crushing chest pain going through to my back",
            "fell off a ladder this morning and my back is agony",
        ])
    func emergency(utterance: String) {
        let reply = Fixtures.ask(utterance)
        #expect(reply.urgent)
        #expect(reply.intent == "red_flag")
        #expect(reply.answer.contains("999") || reply.answer.contains("911"))
        #expect(!reply.sources.isEmpty)
        #expect(!reply.answer.lowercased().contains("you have "), "never a diagnosis")
    }

    @Test(
        "urgent-tier symptoms send the person to a same-day doctor",
        arguments: [
            "back pain and a fever of 39", "lost a stone without trying and my back aches",
            "had cancer two years ago and now new back pain",
        ]
    )
    func urgentTier(utterance: String) {
        let reply = Fixtures.ask(utterance)
        #expect(reply.urgent)
        #expect(reply.answer.lowercased().contains("today") || reply.answer.lowercased().contains("same-day"))
    }

    @Test(
        "negated mentions are not red flags",
        arguments: [
            "no fever, just a tight knot in my back, what causes it",
            "I haven't fallen or anything, why do knots form",
            "there is no numbness anywhere, how do i release a knot",
            "never had cancer, what do knots feel like",
        ])
    func negated(utterance: String) {
        let reply = Fixtures.ask(utterance)
        #expect(!reply.urgent, "\(utterance)")
        #expect(reply.understood)
    }

    @Test("general questions that name a cause are not red flags")
    func generalQuestions() {
        for question in [
            "can an injury cause muscle knots", "does losing weight help prevent knots",
            "fell asleep on the sofa and woke up with a knot",
        ] {
            #expect(!Fixtures.ask(question).urgent, "\(question)")
        }
    }

    @Test("a red flag overrides the classifier even when a topic is asked")
    func overrides() {
        let reply = Fixtures.ask("how do I massage a knot? also I can't control my bladder since yesterday")
        #expect(reply.urgent)
        #expect(!reply.answer.lowercased().contains("tennis ball"))
    }

    @Test("a negation in an earlier clause does not cancel a later symptom")
    func clauses() {
        #expect(Fixtures.ask("No. I fell down the stairs yesterday").urgent)
    }
}
