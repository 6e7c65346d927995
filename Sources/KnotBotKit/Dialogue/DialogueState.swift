/// Where a conversation stands between turns; the dialogue step is a pure function of it.
public struct DialogueState: Sendable, Hashable, Codable {
    /// The phase of the conversation.
    public enum Phase: String, Sendable, Hashable, Codable {
        case idle
        case inTopic
        case afterRedFlag
        case ended
    }

    public var phase: Phase
    /// The intent whose answer was given last, for "tell me more".
    public var topic: String?
    /// How many of the topic's pages have been given.
    public var pagesGiven: Int
    /// Red-flag symptoms mentioned earlier in the session, remembered for later turns.
    public var redFlagSymptoms: [String]
    /// Turns in a row the bot did not understand.
    public var misses: Int

    public init(
        phase: Phase = .idle, topic: String? = nil, pagesGiven: Int = 0, redFlagSymptoms: [String] = [],
        misses: Int = 0
    ) {
        self.phase = phase
        self.topic = topic
        self.pagesGiven = pagesGiven
        self.redFlagSymptoms = redFlagSymptoms
        self.misses = misses
    }

    /// A new conversation.
    public static let start = DialogueState()
}
