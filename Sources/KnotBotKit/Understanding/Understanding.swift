/// Everything the bot made of one utterance, before the dialogue decides what to say.
public struct Understanding: Sendable, Hashable {
    public var utterance: Utterance
    public var tokens: [Token]
    /// Red flags raised, most serious first; any flag overrides the classifier.
    public var redFlags: [RedFlagMatch]
    public var classification: Classification

    public init(utterance: Utterance, tokens: [Token], redFlags: [RedFlagMatch], classification: Classification) {
        self.utterance = utterance
        self.tokens = tokens
        self.redFlags = redFlags
        self.classification = classification
    }

    /// Typo repairs made, as "typed -> repaired".
    public var repairs: [String] {
        tokens.filter(\.wasRepaired).map { "\($0.original) -> \($0.word)" }
    }
}
