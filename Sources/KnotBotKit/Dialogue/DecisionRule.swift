/// Which rule of the dialogue decided a reply; `/why` shows it and replay coverage counts it.
public enum DecisionRule: String, Sendable, Hashable, CaseIterable, Codable {
    case redFlag
    case selfTreatmentRefused
    case warningDoubted
    case clarificationAnswered
    case clarificationDeclined
    case clarificationAsked
    case followUp
    case actionAsked
    case sameTopic
    case sameTopicOverview
    case more
    case moreExhausted
    case moreWithoutTopic
    case intent
    case farewellInSmallTalk
    case questionInSmallTalk
    case belowThreshold
    case unknownWords
    case situationNoted
    case aspectMatch
    case cautionFirst
    case command

    /// The rule in plain words.
    public var summary: String {
        switch self {
        case .redFlag: "a red-flag symptom overrides every intent"
        case .selfTreatmentRefused: "after a warning sign, no self-treatment until it has been checked"
        case .warningDoubted: "right after a warning sign, a question doubting it gets the warning again"
        case .clarificationAnswered: "answer to the clarification question"
        case .clarificationDeclined: "clarification declined"
        case .clarificationAsked: "the two best intents are too close to call, so the bot asks"
        case .followUp: "a follow-up continues the current topic"
        case .actionAsked: "it asks what to do and names no topic with confidence: the topic that says what to do"
        case .sameTopic: "the same topic again: the part of it not said yet"
        case .sameTopicOverview: "the same topic again, all of it said: its overview once more"
        case .more: "\"more\" continues the current topic"
        case .moreExhausted: "\"more\" with nothing left on the topic"
        case .moreWithoutTopic: "\"more\" with no topic yet"
        case .intent: "highest-scoring intent"
        case .farewellInSmallTalk: "a goodbye inside small talk (\"thanks, bye\") ends the chat"
        case .questionInSmallTalk: "a question beside small talk (\"good morning, can a knot ...?\") is answered"
        case .belowThreshold: "best guess below the confidence threshold"
        case .unknownWords: "no word of the question is known to any intent"
        case .aspectMatch: "no intent was clear, but what the question asks about is what one topic's facts speak to"
        case .cautionFirst:
            "what the question asks about has a caution for the person's situation: the topic that holds it"
        case .situationNoted: "the person told their situation and asked nothing: it is remembered"
        case .command: "a /command"
        }
    }
}
