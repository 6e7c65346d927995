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

    /// Where the conversation is.
    ///
    /// Absent from a recording: `idle`.
    public var phase: Phase
    /// The intent whose answer was given last, for follow-ups and "tell me more".
    ///
    /// Absent from a recording: none.
    public var topic: String?
    /// The facts (ids) given on the current topic, so "tell me more" gives what has not been said.
    ///
    /// Absent from a recording: none.
    public var given: [String]
    /// The fact the last answer led with, for "and the other one?".
    ///
    /// Absent from a recording: none.
    public var lastLead: String?
    /// The last question on the current topic, as stems, so the same question asked again gets the
    /// same answer rather than the next part.
    ///
    /// Absent from a recording: none.
    public var lastAsked: String?
    /// What the person said of their situation (aspect names: pregnancy, sitting), kept all session.
    ///
    /// Absent from a recording: none.
    public var context: [String]
    /// The two intents offered in a clarification question, in the order they were named.
    ///
    /// Absent from a recording: none.
    public var options: [String]
    /// Red-flag symptoms mentioned earlier in the session, remembered for later turns.
    ///
    /// Absent from a recording: none.
    public var redFlagSymptoms: [String]
    /// Turns in a row the bot did not understand.
    ///
    /// Absent from a recording: 0.
    public var misses: Int
    /// Whether the one-line safety net (warning signs, when to see a doctor) has been given.
    ///
    /// Absent from a recording: false.
    public var safetyNetGiven: Bool
    /// What the person said earlier that a later symptom may complete as a warning sign ("my mum has
    /// osteoporosis", then "she slipped"), as typed; the last two such messages.
    ///
    /// Absent from a recording: none (and not written when empty, so older recordings still match).
    public var carried: [String] = []

    /// How many earlier messages `carried` keeps.
    public static let carriedLimit = 2

    public init(
        phase: Phase = .idle, topic: String? = nil, given: [String] = [], lastLead: String? = nil,
        lastAsked: String? = nil, context: [String] = [], options: [String] = [], redFlagSymptoms: [String] = [],
        misses: Int = 0, safetyNetGiven: Bool = false
    ) {
        self.phase = phase
        self.topic = topic
        self.given = given
        self.lastLead = lastLead
        self.lastAsked = lastAsked
        self.context = context
        self.options = options
        self.redFlagSymptoms = redFlagSymptoms
        self.misses = misses
        self.safetyNetGiven = safetyNetGiven
    }

    enum CodingKeys: String, CodingKey {
        case phase, topic, given, lastLead, lastAsked, context, options, redFlagSymptoms, misses, safetyNetGiven
        case carried
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(phase, forKey: .phase)
        try container.encodeIfPresent(topic, forKey: .topic)
        try container.encode(given, forKey: .given)
        try container.encodeIfPresent(lastLead, forKey: .lastLead)
        try container.encodeIfPresent(lastAsked, forKey: .lastAsked)
        try container.encode(context, forKey: .context)
        try container.encode(options, forKey: .options)
        try container.encode(redFlagSymptoms, forKey: .redFlagSymptoms)
        try container.encode(misses, forKey: .misses)
        try container.encode(safetyNetGiven, forKey: .safetyNetGiven)
        if !carried.isEmpty { try container.encode(carried, forKey: .carried) }
    }

    /// Reads a recorded state; every key is optional and takes its value in `start` when absent.
    ///
    /// A required key makes every transcript recorded before it existed unreadable (exit 65,
    /// "missing key"): one new field did that to all 38 committed transcripts. With a default, a new
    /// field costs nothing. Keys this version does not know (written by a newer one) are ignored.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let start = Self.start
        self.init(
            phase: try container.decodeIfPresent(Phase.self, forKey: .phase) ?? start.phase,
            topic: try container.decodeIfPresent(String.self, forKey: .topic) ?? start.topic,
            given: try container.decodeIfPresent([String].self, forKey: .given) ?? start.given,
            lastLead: try container.decodeIfPresent(String.self, forKey: .lastLead) ?? start.lastLead,
            lastAsked: try container.decodeIfPresent(String.self, forKey: .lastAsked) ?? start.lastAsked,
            context: try container.decodeIfPresent([String].self, forKey: .context) ?? start.context,
            options: try container.decodeIfPresent([String].self, forKey: .options) ?? start.options,
            redFlagSymptoms: try container.decodeIfPresent([String].self, forKey: .redFlagSymptoms)
                ?? start.redFlagSymptoms,
            misses: try container.decodeIfPresent(Int.self, forKey: .misses) ?? start.misses,
            safetyNetGiven: try container.decodeIfPresent(Bool.self, forKey: .safetyNetGiven)
                ?? start.safetyNetGiven)
        carried = try container.decodeIfPresent([String].self, forKey: .carried) ?? start.carried
    }

    /// A new conversation.
    public static let start = DialogueState()

    /// Leaves the current topic for `phase`: what was given and asked on it is forgotten, the
    /// person's situation and warning signs are kept.
    public mutating func leaveTopic(for phase: Phase) {
        self.phase = phase
        topic = nil
        given = []
        lastLead = nil
        lastAsked = nil
        misses = 0
    }
}
