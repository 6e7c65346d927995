/// One intent as a maintainer wrote it in `Intents/<id>.yaml`, with the lines of its parts.
public struct IntentDefinition: Sendable, Hashable {
    /// One weighted keyword: a word or phrase and the other words that count as it.
    public struct Keyword: Sendable, Hashable {
        public var term: String
        public var weight: Double
        public var synonyms: [String]
        public var line: Int?

        public init(term: String, weight: Double, synonyms: [String] = [], line: Int? = nil) {
            self.term = term
            self.weight = weight
            self.synonyms = synonyms
            self.line = line
        }
    }

    /// One piece of a knowledge answer.
    public enum AnswerPart: Sendable, Hashable {
        /// The article sentence that begins with this text.
        case article(String)
        /// A supplement fact, by id.
        case supplement(String)
    }

    /// What the intent replies with.
    public enum Response: Sendable, Hashable {
        /// Knowledge pages: the first answer, then each "tell me more".
        case knowledge([[Located<AnswerPart>]])
        /// The bot's own words.
        case reply(String)
    }

    public var id: String
    public var topic: String
    public var summary: String
    public var keywords: [Keyword]
    public var examples: [Located<String>]
    public var response: Response
    public var understood: Bool
    public var endsSession: Bool
    /// Whether the answer is self-care advice, which gets a reminder after a red flag.
    public var selfCare: Bool
    /// Whether the topic says what to do, so a question asking for suggestions leans towards it.
    public var action = false
    /// The part it plays in the dialogue, if any (at most one intent per role).
    public var role: IntentRole?
    /// How `knotbot eval` judges an answer labelled with its topic.
    public var check: AnswerCheck?
    /// Supplement source keys a `reply` cites, for a reply that restates the supplement.
    public var sources: [Located<String>] = []
    public var file: String
    public var line: Int?

    public init(
        id: String, topic: String, summary: String, keywords: [Keyword], examples: [Located<String>],
        response: Response, understood: Bool = true, endsSession: Bool = false, selfCare: Bool = false,
        role: IntentRole? = nil, check: AnswerCheck? = nil, file: String, line: Int? = 1
    ) {
        self.id = id
        self.topic = topic
        self.summary = summary
        self.keywords = keywords
        self.examples = examples
        self.response = response
        self.understood = understood
        self.endsSession = endsSession
        self.selfCare = selfCare
        self.role = role
        self.check = check
        self.file = file
        self.line = line
    }
}
