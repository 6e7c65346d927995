/// One word of an utterance after normalisation, rewriting, typo repair and stemming.
public struct Token: Sendable, Hashable {
    /// The word as the person typed it (normalised and lower-cased).
    public var original: String
    /// The word after rewrites and typo repair.
    public var word: String
    public var stem: String
    public var isStopword: Bool
    /// Whether typo repair changed the word (not counting lexicon rewrites).
    public var wasRepaired: Bool
    /// Whether punctuation separated this word from the one before (a clause boundary).
    public var startsClause: Bool
    /// Whether a full stop, question mark, exclamation mark, semicolon or line break came before it.
    public var startsSentence: Bool
    /// Whether the sentence before it ended with a question mark, as in "some help? Thanks Owen".
    public var afterQuestion: Bool

    public init(
        original: String, word: String, stem: String, isStopword: Bool, wasRepaired: Bool = false,
        startsClause: Bool = false, startsSentence: Bool = false, afterQuestion: Bool = false
    ) {
        self.afterQuestion = afterQuestion
        self.original = original
        self.word = word
        self.stem = stem
        self.isStopword = isStopword
        self.wasRepaired = wasRepaired
        self.startsClause = startsClause
        self.startsSentence = startsSentence
    }
}
