/// Why a reply was chosen: the decision, its runner-up and the words behind it.
public struct Explanation: Sendable, Hashable {
    /// The intent chosen, or nil when the bot did not understand.
    public var intent: String?
    public var confidence: Double
    public var runnerUp: Classification.Score?
    /// Words and keywords that pushed the chosen intent up, strongest first.
    public var evidence: [Classification.Evidence]
    /// Typo repairs made, as "typed -> repaired".
    public var repairs: [String]
    /// Red flags raised, with the phrases that raised them.
    public var redFlags: [RedFlagMatch]
    /// The rule that decided, in plain words ("red flag overrides", "below confidence threshold").
    public var rule: String

    public init(
        intent: String?, confidence: Double, runnerUp: Classification.Score?, evidence: [Classification.Evidence],
        repairs: [String], redFlags: [RedFlagMatch], rule: String
    ) {
        self.intent = intent
        self.confidence = confidence
        self.runnerUp = runnerUp
        self.evidence = evidence
        self.repairs = repairs
        self.redFlags = redFlags
        self.rule = rule
    }
}
