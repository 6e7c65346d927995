/// What the bot says for one turn: one value rendered as text for people and as JSON for programs.
public struct Reply: Sendable, Hashable, Codable {
    public var answer: String
    /// Whether the bot understood the request (false for out-of-scope requests and misses).
    public var understood: Bool
    /// True only on replies that are urgent-care advice for a red-flag symptom.
    public var urgent: Bool
    /// Article section names and URLs the answer comes from.
    public var sources: [String]
    /// The intent that answered, or nil when nothing did.
    public var intent: String?
    /// How sure the classifier was, 0 to 1.
    public var confidence: Double
    /// Whether this reply ends the session (goodbye).
    public var endsSession: Bool
    /// Why this reply was chosen; in JSON only with `--explain`, never in transcripts.
    public var explanation: Explanation?
    /// The intents a clarifying question offers, most likely first; empty for any other reply.
    ///
    /// Not recorded in transcripts: the dialogue state they record holds the same options.
    public var options: [String] = []

    /// Whether this reply asks the person to choose between `options`.
    public var isClarification: Bool { !options.isEmpty }

    public init(
        answer: String, understood: Bool, urgent: Bool = false, sources: [String] = [], intent: String?,
        confidence: Double, endsSession: Bool = false, explanation: Explanation? = nil
    ) {
        self.answer = answer
        self.understood = understood
        self.urgent = urgent
        self.sources = sources
        self.intent = intent
        self.confidence = (confidence * 1000).rounded() / 1000
        self.endsSession = endsSession
        self.explanation = explanation
    }

    enum CodingKeys: String, CodingKey {
        case answer, understood, urgent, sources, intent, confidence
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            answer: try container.decode(String.self, forKey: .answer),
            understood: try container.decode(Bool.self, forKey: .understood),
            urgent: try container.decode(Bool.self, forKey: .urgent),
            sources: try container.decode([String].self, forKey: .sources),
            intent: try container.decodeIfPresent(String.self, forKey: .intent),
            confidence: try container.decode(Double.self, forKey: .confidence))
    }

    /// Encodes the JSON contract; `intent` is written as null rather than left out.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(answer, forKey: .answer)
        try container.encode(understood, forKey: .understood)
        try container.encode(urgent, forKey: .urgent)
        try container.encode(sources, forKey: .sources)
        try container.encode(intent, forKey: .intent)
        try container.encode(confidence, forKey: .confidence)
    }
}
