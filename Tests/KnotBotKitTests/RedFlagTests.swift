import Foundation
import Testing

@testable import KnotBotKit

@Suite("Red flags")
struct RedFlagTests {
    @Test("a word's first three letters are read as bytes only when plain ASCII that long")
    func asciiLetters() {
        #expect(RedFlagDetector.asciiLetters("tingling")! == (0x74, 0x69, 0x6E))
        #expect(RedFlagDetector.asciiLetters("numb")! == (0x6E, 0x75, 0x6D))
        #expect(RedFlagDetector.asciiLetters("leg")! == (0x6C, 0x65, 0x67))
        // Too short, or a fourth letter that could join the third Character: the general path.
        for word in ["my", "", "naï", "nai\u{0308}ve", "café"] { #expect(RedFlagDetector.asciiLetters(word) == nil) }
    }

    @Test("words past ASCII take the general path and find the same warning signs")
    func lettersPastASCII() {
        let assistant = Fixtures.assistant
        func raised(_ text: String) -> [String] {
            assistant.detector.assess(assistant.analyzer.analyze(text)).raised.map(\.flag.id)
        }
        let plain = raised("after cafe my legs went numb and I can't pee")
        #expect(!plain.isEmpty)
        #expect(raised("after café my légs went numb and I can't pee") == plain)
    }

    @Test("every warning sign reads as grammar when told of someone else")
    func someoneElseGrammar() {
        // "wakes you" became "wakes they": a "you" as an object has no "they" form.
        let rules = Fixtures.model.redFlags
        for flag in rules.flags {
            let told = rules.aboutSomeoneElse(flag.symptom)
            #expect(!told.contains(/\bthey(,|\.| or\b| and\b|$)/), "\(flag.id): \(told)")
        }
    }

    @Test(
        "described emergencies are urgent and send the person to care now",
        arguments: [
            "I can't feel my bum when I wipe",
            "been peeing myself since the back went",
            "both my legs have gone numb and weak",
            "crushing chest pain going through to my back",
            "fell off a ladder this morning and my back is agony",
            // A "no" that answers before the person speaks does not deny what they then say.
            "no i meant i have numbness in my groin",
            "no i just cant feel my bum when i wipe",
            // "Couldn't" is inability, as "can't" is, not a denial.
            "bit embarrassing but i couldnt control my bowels this morning and my back is in agony",
            "i couldn't pee all day and my back is killing me",
            // "Haven't been able to" tells the inability, not a denial.
            "since my back went i haven't been able to keep an erection",
            // "Not normal" affirms the change: the cue does not reach past "normal".
            "the weird thing, what's not normal, is i can't tell when i need a wee anymore",
            // Words from people's own accounts of the bladder and bowels.
            "my back is wrecked and my knickers keep ending up damp, i don't feel it happen",
            "twice this week i didn't know i had to poo until it was too late, and my back is killing me",
            "wiping felt off on one side since I hurt my back",
            "a tight band squeezing across the front of my chest and into my back",
            // An ellipsis before a lower-case word is a pause, not the end of the sentence.
            "my back went on monday and the urge to wee has just... gone",
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
            "no i have no numbness in my groin, so what causes knots",
            // "yr" is a year: a fall last year is an old injury, not one today.
            "fell off bike last yr, could the injury have caused my knots",
        ])
    func negated(utterance: String) {
        let reply = Fixtures.ask(utterance)
        #expect(!reply.urgent, "\(utterance)")
        #expect(reply.understood)
    }

    @Test("a condition told in one message and a symptom in the next make one warning sign")
    func conditionCarriedAcrossTurns() throws {
        var session = ChatSession(assistant: Fixtures.assistant)
        let told = session.turn("my mum has osteoporosis and a knot in her back")
        #expect(told?.urgent == false)
        #expect(session.state.carried.count == 1)
        let slipped = session.turn("she did slip in the kitchen tuesday, nothing dramatic, but its been worse since")
        #expect(slipped?.urgent == true, "\(slipped?.answer ?? "")")
        #expect(slipped?.answer.contains("999") == true, "\(slipped?.answer ?? "")")
        #expect(session.state.carried.isEmpty, "a raised warning sign is not raised again from what was carried")
        // The same symptom with nothing told before is no warning sign.
        #expect(!Fixtures.ask("she did slip in the kitchen tuesday, nothing dramatic, but its been worse since").urgent)
        // Family history is not the person's own condition, read together or apart.
        var family = ChatSession(assistant: Fixtures.assistant)
        _ = family.turn("osteoporosis runs in my family")
        #expect(family.turn("i twisted my back gardening")?.urgent == false)
        // A state written without anything carried has no "carried" key, so older recordings match.
        let encoded = try String(decoding: JSONEncoder().encode(DialogueState.start), as: UTF8.self)
        #expect(!encoded.contains("carried"), "\(encoded)")
        let decoded = try JSONDecoder().decode(DialogueState.self, from: JSONEncoder().encode(session.state))
        #expect(decoded == session.state)
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

@Suite("Red flags as concepts: who, whether and when")
struct RedFlagConceptTests {
    static func raised(_ text: String) -> [RedFlagMatch] {
        Fixtures.assistant.understand(Utterance(text)).safety.raised
    }

    static func findings(_ text: String) -> SafetyFindings {
        Fixtures.assistant.understand(Utterance(text)).safety
    }

    @Test("every flag's examples raise it, and its near-misses raise nothing")
    func examplesAndNearMisses() throws {
        let file = try DataFile.read(Fixtures.intents.appendingPathComponent(ModelCompiler.redFlagsFile))
        let loaded = try RedFlagLoader.read(file, analyzer: Fixtures.assistant.analyzer)
        let flagsWithExamples = Set(loaded.checks.filter(\.mustRaise).map(\.flag))
        let flagsWithNearMisses = Set(loaded.checks.filter { !$0.mustRaise }.map(\.flag))
        #expect(flagsWithExamples == Set(loaded.rules.flags.map(\.id)))
        #expect(flagsWithNearMisses == Set(loaded.rules.flags.map(\.id)))
        for check in loaded.checks {
            let raised = Self.raised(check.text.value).map(\.flag.id)
            if check.mustRaise {
                #expect(raised.contains(check.flag), "\(check.flag) example: \(check.text.value)")
            } else {
                #expect(raised.isEmpty, "\(check.flag) near-miss raised \(raised): \(check.text.value)")
            }
        }
    }

    @Test("a broken example is an error at its line")
    func brokenExample() throws {
        let folder = try Fixtures.copyOfIntents()
        let path = folder.appendingPathComponent(ModelCompiler.redFlagsFile)
        var text = try String(contentsOf: path, encoding: .utf8)
        text = text.replacingOccurrences(
            of: "examples: [shivery and burning up with this back pain,",
            with: "examples: [my back is a bit stiff this morning,")
        try text.write(to: path, atomically: true, encoding: .utf8)
        let knowledge = try ModelCompiler.loadKnowledge(folder: Fixtures.knowledge)
        #expect(throws: KnotBotError.self) { try ModelCompiler.compile(intentsFolder: folder, knowledge: knowledge) }
        do {
            _ = try ModelCompiler.compile(intentsFolder: folder, knowledge: knowledge)
        } catch .invalidData(let diagnostics) {
            let found = diagnostics.first { $0.message.contains("example of 'fever' does not raise it") }
            #expect(found?.line != nil)
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test("whose symptom: the user, someone asked about now, family history, a general question")
    func experiencer() {
        #expect(Self.raised("I've had a fever since Tuesday").first?.experiencer == .user)
        #expect(Self.raised("my husband fell off a ladder this morning").first?.experiencer == .other)
        #expect(Self.raised("my 13 year old has a temperature of 39 and a sore back").first?.experiencer == .other)
        #expect(Self.raised("my dad had bowel cancer, should I worry about my back ache?").isEmpty)
        #expect(Self.findings("my dad had bowel cancer").heldBack.first?.experiencer == .family)
        #expect(Self.raised("can a knot give you a fever?").isEmpty)
        #expect(Self.raised("osteoporosis runs in my family, I twisted my back gardening").isEmpty)
        #expect(Self.findings("my grandad had a hunched back").heldBack.first?.experiencer == .family)
        #expect(Self.raised("my mum had a fall yesterday and hurt her back").first?.experiencer == .other)
    }

    @Test("asking about a treatment is heard though an all-clear or resolution word stands beside it")
    func asksAboutSelfTreatment() {
        #expect(Self.findings("is yoga ok").asksAboutSelfTreatment)
        #expect(Self.findings("would a chiropractor sort it").asksAboutSelfTreatment)
        #expect(Self.findings("can i massage it").asksAboutSelfTreatment)
        #expect(!Self.findings("i won't massage it").asksAboutSelfTreatment)
        #expect(!Self.findings("my groin has gone numb").asksAboutSelfTreatment)
    }

    @Test("whether and when: negated, long past and resolved mentions do not raise a flag")
    func negationAndTime() {
        #expect(Self.raised("no numbness, no tingling, no bladder problems").isEmpty)
        #expect(Self.raised("fell off my bike 15 years ago, healed fine").isEmpty)
        #expect(Self.raised("had a temperature last week but it's gone now").isEmpty)
        #expect(!Self.raised("I fell off a horse years ago and now my back hurts at night").isEmpty)
    }

    @Test("crisis talk reported over several sentences and people still reaches the crisis tier")
    func reportedCrisis() {
        let brother = Self.raised(
            "My brother has been in a really dark place with his back. He texted me a photo of a field and said "
                + "'that's where I want my ashes'.")
        #expect(brother.first?.flag.tier == .crisis)
        let bridge = Self.raised(
            "I stood on the bridge on the way home from physio. Just want the pain to stop for good")
        #expect(bridge.first?.flag.tier == .crisis)
        // Talk that carries its own "not" keeps it, even after an earlier "doesn't".
        #expect(
            Self.raised("if this knot doesn't go soon i don't want to be here anymore").first?.flag.tier == .crisis)
        // Indirect talk: goodbyes said beside an arrangement, others better off, being tired of life.
        #expect(
            Self.raised("gave my watch to my son and said my goodbyes to everyone. does heat help a knot?").first?
                .flag.tier == .crisis)
        #expect(Self.raised("nobody would notice if i was gone tbh. anyway, stretches?").first?.flag.tier == .crisis)
        #expect(Self.raised("my dad says he has had enough of living since his back went").first?.flag.tier == .crisis)
        #expect(Self.raised("cant keep going like this, the pain never stops").first?.flag.tier == .crisis)
        #expect(Self.raised("how many ibuprofen would it take to never wake up").first?.flag.tier == .crisis)
        // Hurting oneself to cope with the pain is self-harm, asked beside a question or not.
        #expect(
            Self.raised("when the spasm hits i dig my nails into my arm until it bleeds. any stretches?").first?.flag
                .tier
                == .crisis)
        // Goodbyes and giving away, with a calm or a "not long now", are the warning; so is a rope found.
        #expect(
            Self.raised("mum keeps saying 'not long now' and has given her jewellery away").first?.flag.tier == .crisis)
        #expect(
            Self.raised("dad's been drinking more since his back went and i found a rope hidden in the shed").first?
                .flag
                .tier == .crisis)
        #expect(Self.raised("sometimes i think it would be easier not to wake up at all").first?.flag.tier == .crisis)
        #expect(Self.raised("grandad has stopped taking his tablets on purpose, he says").first?.flag.tier == .crisis)
        // Variants of the same ideas in other tenses and orders: letters written, things given away
        // with a calm, a method looked up, self-injury to a bruise.
        #expect(
            Self.raised(
                "wrote letters to my girls last night and gave away my records. feel calmer than i have in ages"
            )
            .first?.flag.tier == .crisis)
        #expect(Self.raised("been googling high bridges more than physios lately, so low").first?.flag.tier == .crisis)
        #expect(Self.raised("i punch my thigh till it bruises when the knot flares").first?.flag.tier == .crisis)
        // Doing one's back in properly is not being done with life.
        #expect(Self.raised("first time i've properly done my back, when does it ease?").isEmpty)
        // Arrangements alone, without despair or talk of ending, are ordinary life.
        #expect(Self.raised("my wife and I sorted our will and life insurance before my back surgery").isEmpty)
    }

    @Test("a trace names each concept found, whether it counts, and whose it is")
    func trace() {
        let tokens = Fixtures.assistant.analyzer.analyze("no fever. My husband fell off a ladder years ago")
        let traces = Fixtures.assistant.detector.trace(tokens)
        let fever = traces.first { $0.concept == "fever" }
        #expect(fever?.state == .negated)
        #expect(fever?.sentence == 1)
        let fall = traces.first { $0.concept == "fall" }
        #expect(fall?.state == .past)
        #expect(fall?.experiencer == .other)
        let report = SafetyTraceReport(text: "both my legs have gone weak", assistant: Fixtures.assistant)
        #expect(report.lines.contains { $0.hasPrefix("raised: both-legs (emergency, user)") }, "\(report.lines)")
    }

    @Test("the gap length is data, and one out of range is an error at its line")
    func gapLength() throws {
        let folder = try Fixtures.copyOfIntents()
        let path = folder.appendingPathComponent(ModelCompiler.redFlagsFile)
        let text = try String(contentsOf: path, encoding: .utf8)
        let file = DataFile(path: path.path, text: text.replacingOccurrences(of: "\ngap: 3\n", with: "\ngap: 9\n"))
        #expect(throws: KnotBotError.self) { try RedFlagLoader.read(file, analyzer: Fixtures.assistant.analyzer) }
        do {
            _ = try RedFlagLoader.read(file, analyzer: Fixtures.assistant.analyzer)
        } catch .invalidData(let diagnostics) {
            #expect(diagnostics.contains { $0.message.contains("gap must be between 1 and 8") && $0.line != nil })
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test("the most serious tier speaks, and crisis comes first")
    func tiers() {
        let both = Self.raised("fever of 39 and both my legs have gone numb")
        #expect(both.first?.flag.tier == .emergency)
        #expect(both.contains { $0.flag.id == "fever" })
        let crisis = Fixtures.ask("my legs are numb and honestly I want to end my life")
        #expect(crisis.urgent)
        #expect(crisis.answer.contains("116 123") && crisis.answer.contains("988"))
        #expect(crisis.answer.hasPrefix("I'm really sorry"))
        for figure in ["this knot is killing me", "my commute kills my back", "I'd kill for a massage"] {
            #expect(!Fixtures.ask(figure).urgent, "\(figure)")
        }
    }

    @Test("someone else's warning sign gets advice for them, in their words")
    func adviceForSomeoneElse() {
        let reply = Fixtures.ask("my son has a fever and says his back hurts")
        #expect(reply.urgent)
        #expect(reply.answer.contains("with their back pain"))
        #expect(reply.answer.contains("They should see a doctor today"))
        #expect(!reply.answer.contains("your back pain"))
    }

    @Test("someone describing their own back pain gets the safety net once, within the length limit")
    func safetyNet() {
        var chat = DialogueEngineTests.Conversation()
        let first = chat.say("my lower back aches after sitting all day, what causes knots?")
        #expect(first.answer.contains("Safety note"))
        #expect(first.answer.count <= AnswerComposer.maximumLength)
        let second = chat.say("my back still hurts, how do I prevent knots?")
        #expect(!second.answer.contains("Safety note"), "given once")
        #expect(!Fixtures.ask("what causes knots").answer.contains("Safety note"), "not for a general question")
    }
}
