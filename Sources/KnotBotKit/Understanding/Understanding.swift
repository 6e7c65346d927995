/// Everything the bot made of one utterance, before the dialogue decides what to say.
public struct Understanding: Sendable, Hashable {
    public var utterance: Utterance
    public var tokens: [Token]
    /// What the safety layer found; a raised flag overrides the classifier.
    public var safety: SafetyFindings
    public var classification: Classification
    /// The token ranges of the sentences that ask, in a post of several sentences (empty otherwise).
    public var questions: [Range<Int>]

    public init(
        utterance: Utterance, tokens: [Token], safety: SafetyFindings, classification: Classification,
        questions: [Range<Int>] = []
    ) {
        self.utterance = utterance
        self.tokens = tokens
        self.questions = questions
        self.safety = safety
        self.classification = classification
    }

    /// Red flags raised, most serious first.
    public var redFlags: [RedFlagMatch] {
        safety.raised
    }

    /// Typo repairs made, as "typed -> repaired".
    public var repairs: [String] {
        tokens.filter(\.wasRepaired).map { "\($0.original) -> \($0.word)" }
    }
}
