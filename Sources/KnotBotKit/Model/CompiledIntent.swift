/// An intent ready to answer: its answers composed, its words compiled into the classifier.
public struct CompiledIntent: Sendable, Hashable {
    public var id: String
    public var topic: String
    public var summary: String
    public var understood: Bool
    public var endsSession: Bool
    /// Whether the answer is self-care advice, which gets a reminder after a red flag.
    public var selfCare: Bool
    /// Whether the topic says what to do (release, prevention), so a question asking for suggestions
    /// leans towards it.
    public var action = false
    /// Knowledge answers: the first reply, then one page for each "tell me more".
    ///
    /// Empty for `reply` intents.
    public var pages: [AnswerPage]
    /// The facts of each page, by index into the model's facts, so "tell me more" skips what was said.
    public var pageFacts: [[Int]]
    /// The facts that serve this intent, in knowledge order: what a focused answer chooses from.
    public var scope: [Int]
    /// The bot's own words, for intents that do not quote the knowledge.
    public var reply: String?
    /// What a reply's own words cite (URLs, or titles where none is known): the sources of the
    /// supplement it restates ("the warning signs").
    public var replySources: [String]
    public var role: IntentRole?
    /// How `knotbot eval` judges an answer labelled with its topic; nil: the default for its kind.
    public var check: AnswerCheck?

    public init(
        id: String, topic: String, summary: String, understood: Bool, endsSession: Bool, selfCare: Bool = false,
        pages: [AnswerPage], reply: String?, replySources: [String] = [], role: IntentRole? = nil,
        check: AnswerCheck? = nil,
        pageFacts: [[Int]] = [], scope: [Int] = []
    ) {
        self.pageFacts = pageFacts
        self.scope = scope
        self.id = id
        self.topic = topic
        self.summary = summary
        self.understood = understood
        self.endsSession = endsSession
        self.selfCare = selfCare
        self.pages = pages
        self.reply = reply
        self.replySources = replySources
        self.role = role
        self.check = check
    }

    /// Whether the intent answers from the article and supplement.
    public var isKnowledge: Bool { !pages.isEmpty }
}
