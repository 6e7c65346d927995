/// The dialogue's transition function: state and understanding in, reply and next state out.
///
/// It is pure (no clock, no randomness, no I/O), so the same utterances always give the same
/// replies; transcript replay depends on that.
public struct DialogueEngine: Sendable {
    /// The intent that continues the current topic ("tell me more").
    public static let moreIntent = "more"

    /// The threshold in force: from a sweep over the labelled regression set, in the middle of the
    /// range (0.15 to 0.35) where accuracy is flat.
    public static let defaultThreshold = 0.3

    public let model: BotModel
    /// Below this confidence the bot says it did not understand rather than guess.
    public var confidenceThreshold: Double

    public init(model: BotModel, confidenceThreshold: Double = DialogueEngine.defaultThreshold) {
        self.model = model
        self.confidenceThreshold = confidenceThreshold
    }

    public func step(_ state: DialogueState, _ understanding: Understanding) -> (Reply, DialogueState) {
        let classification = understanding.classification
        func explain(_ intent: String?, _ confidence: Double, rule: String) -> Explanation {
            Explanation(
                intent: intent, confidence: confidence, ranking: Array(classification.ranking.prefix(3)),
                evidence: classification.evidence,
                repairs: understanding.repairs, redFlags: understanding.redFlags, rule: rule)
        }
        var next = state
        if !understanding.redFlags.isEmpty {
            next.phase = .afterRedFlag
            next.topic = nil
            next.pagesGiven = 0
            next.misses = 0
            for match in understanding.redFlags where !next.redFlagSymptoms.contains(match.flag.symptom) {
                next.redFlagSymptoms.append(match.flag.symptom)
            }
            var reply = urgentReply(understanding.redFlags)
            reply.explanation = explain("red_flag", 1, rule: "a red-flag symptom overrides every intent")
            return (reply, next)
        }
        guard let top = classification.top, classification.hasKnownWords, top.confidence >= confidenceThreshold,
            let intent = model.intent(top.intent)
        else {
            next.misses += 1
            var reply = fallback(classification)
            reply.explanation = explain(
                nil, classification.top?.confidence ?? 0,
                rule: classification.hasKnownWords
                    ? "best guess below the confidence threshold \(confidenceThreshold)"
                    : "no word of the question is known to any intent")
            return (reply, next)
        }
        next.misses = 0
        var reply: Reply
        if intent.id == Self.moreIntent {
            (reply, next) = more(after: state, intent: intent, confidence: top.confidence)
        } else if intent.isKnowledge {
            let page = intent.pages[0]
            reply = Reply(
                answer: page.text, understood: true, sources: page.sources, intent: intent.id,
                confidence: top.confidence)
            next.phase = .inTopic
            next.topic = intent.id
            next.pagesGiven = 1
        } else {
            reply = Reply(
                answer: intent.reply ?? "", understood: intent.understood, intent: intent.id,
                confidence: top.confidence, endsSession: intent.endsSession)
            if intent.endsSession { next.phase = .ended }
        }
        if understanding.utterance.wasTruncated {
            reply.answer +=
                "\n\n(Your message was longer than \(Utterance.maximumLength) characters; I read only the first \(Utterance.maximumLength).)"
        }
        reply.explanation = explain(intent.id, top.confidence, rule: "highest-scoring intent")
        return (reply, next)
    }

    /// Continues the current topic with the next page, or says plainly there is no more.
    private func more(after state: DialogueState, intent: CompiledIntent, confidence: Double) -> (Reply, DialogueState)
    {
        var next = state
        guard let topicID = state.topic, let topic = model.intent(topicID) else {
            return (
                Reply(answer: intent.reply ?? "", understood: true, intent: intent.id, confidence: confidence), next
            )
        }
        if state.pagesGiven < topic.pages.count {
            let page = topic.pages[state.pagesGiven]
            next.pagesGiven += 1
            return (
                Reply(
                    answer: page.text, understood: true, sources: page.sources, intent: topic.id, confidence: confidence
                ),
                next
            )
        }
        let others = model.intents.filter { $0.isKnowledge && $0.id != topic.id }.prefix(3).map(\.summary)
        let answer =
            "That's all I have on \(topic.summary). You could ask about \(Self.list(others, conjunction: "or"))."
        return (Reply(answer: answer, understood: true, intent: intent.id, confidence: confidence), next)
    }

    private func urgentReply(_ matches: [RedFlagMatch]) -> Reply {
        let tier = matches[0].flag.tier
        let symptoms = matches.map(\.flag.symptom)
        var unique: [String] = []
        for symptom in symptoms where !unique.contains(symptom) { unique.append(symptom) }
        var sources: [String] = []
        for source in matches.flatMap(\.flag.sources) where !sources.contains(source) { sources.append(source) }
        let advice = model.redFlags.advice[tier] ?? ""
        let answer =
            "You mentioned \(Self.list(unique, conjunction: "and")). That is a warning sign that needs a clinician "
            + "to check it, not self-care. \(advice)"
        return Reply(
            answer: answer, understood: true, urgent: true, sources: sources, intent: "red_flag", confidence: 1)
    }

    private func fallback(_ classification: Classification) -> Reply {
        let guesses = classification.ranking.compactMap { model.intent($0.intent) }.filter(\.isKnowledge).prefix(3)
        let answer =
            "Sorry, I didn't understand that. I answer questions about the article \"\(model.knowledge.article.title)\". "
            + "You could ask \(Self.list(guesses.map(\.summary), conjunction: "or")), or type /help."
        return Reply(answer: answer, understood: false, intent: nil, confidence: classification.top?.confidence ?? 0)
    }

    /// "a, b and c".
    static func list(_ items: [String], conjunction: String) -> String {
        switch items.count {
        case 0: return ""
        case 1: return items[0]
        default: return items.dropLast().joined(separator: ", ") + " \(conjunction) " + items[items.count - 1]
        }
    }
}
