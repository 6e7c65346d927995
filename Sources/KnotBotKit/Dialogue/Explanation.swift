/// Why a reply was chosen: the decision, its runner-up and the words behind it.
public struct Explanation: Sendable, Hashable {
    /// The intent chosen, or nil when the bot did not understand.
    public var intent: String?
    public var confidence: Double
    /// The classifier's three best guesses, most likely first.
    public var ranking: [Classification.Score]
    /// Words and keywords that pushed the best guess up, strongest first.
    public var evidence: [Classification.Evidence]
    /// Typo repairs made, as "typed -> repaired".
    public var repairs: [String]
    /// Red flags raised, with the phrases that raised them.
    public var redFlags: [RedFlagMatch]
    /// Flags whose words were found but that belong to nobody now (family history, general questions).
    public var heldBackFlags: [RedFlagMatch]
    /// The rule that decided.
    public var rule: DecisionRule
    /// Aspects the question named ("heat", "pressure"), which chose the facts of the answer.
    public var aspects: [String] = []
    /// What the session remembers of the person ("pregnancy", "sitting").
    public var context: [String] = []

    public init(
        intent: String?, confidence: Double, ranking: [Classification.Score], evidence: [Classification.Evidence],
        repairs: [String], redFlags: [RedFlagMatch], heldBackFlags: [RedFlagMatch] = [], rule: DecisionRule
    ) {
        self.intent = intent
        self.confidence = confidence
        self.ranking = ranking
        self.evidence = evidence
        self.repairs = repairs
        self.redFlags = redFlags
        self.heldBackFlags = heldBackFlags
        self.rule = rule
    }

    /// The second-best intent, for clarification and `/why`.
    public var runnerUp: Classification.Score? {
        ranking.count > 1 ? ranking[1] : nil
    }
}
