/// Where a conversation stands between turns; the dialogue step is a pure function of it.
public struct DialogueState: Sendable, Hashable, Codable {
    /// The phase of the conversation.
    public enum Phase: String, Sendable, Hashable, Codable, CaseIterable {
        /// Nothing asked yet, or only small talk.
        case idle
        /// A topic has been answered; follow-ups resolve against it.
        case inTopic
        /// The bot asked which of two topics was meant and waits for the answer.
        case awaitingClarification
        /// Urgent advice was just given.
        case afterRedFlag
        /// The person said goodbye.
        case ended
    }

    public var phase: Phase
    /// The intent whose answer was given last, for follow-ups and "tell me more".
    public var topic: String?
    /// How many of the topic's pages have been given.
    public var pagesGiven: Int
    /// The two intents offered in a clarification question, in the order they were named.
    public var options: [String]
    /// Red-flag symptoms mentioned earlier in the session, remembered for later turns.
    public var redFlagSymptoms: [String]
    /// Turns in a row the bot did not understand.
    public var misses: Int
    /// Whether the one-line safety net (warning signs, when to see a doctor) has been given.
    public var safetyNetGiven: Bool

    public init(
        phase: Phase = .idle, topic: String? = nil, pagesGiven: Int = 0, options: [String] = [],
        redFlagSymptoms: [String] = [], misses: Int = 0, safetyNetGiven: Bool = false
    ) {
        self.phase = phase
        self.topic = topic
        self.pagesGiven = pagesGiven
        self.options = options
        self.redFlagSymptoms = redFlagSymptoms
        self.misses = misses
        self.safetyNetGiven = safetyNetGiven
    }

    enum CodingKeys: String, CodingKey {
        case phase, topic, pagesGiven, options, redFlagSymptoms, misses, safetyNetGiven
    }

    /// Reads a recorded state; keys added since a transcript was written take their starting values,
    /// so older transcripts stay readable.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            phase: try container.decode(Phase.self, forKey: .phase),
            topic: try container.decodeIfPresent(String.self, forKey: .topic),
            pagesGiven: try container.decode(Int.self, forKey: .pagesGiven),
            options: try container.decode([String].self, forKey: .options),
            redFlagSymptoms: try container.decode([String].self, forKey: .redFlagSymptoms),
            misses: try container.decode(Int.self, forKey: .misses),
            safetyNetGiven: try container.decodeIfPresent(Bool.self, forKey: .safetyNetGiven) ?? false)
    }

    /// A new conversation.
    public static let start = DialogueState()
}
