/// One word of an utterance after normalisation, rewriting, typo repair and stemming.
public struct Token: Sendable, Hashable {
    /// The word as the person typed it (normalised and lower-cased).
    public var original: String
    /// The word after rewrites and typo repair.
    public var word: String {
        didSet { negation = Negation(word) }
    }
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
    /// What the word does to a negation, found when the token is made: keywords ask it of every
    /// token several times a turn (the whole text, each question, each sentence the crisis
    /// backstop reads), and looking the word up each time cost 1.4 M instructions a run of the 146
    /// regression questions.
    public private(set) var negation: Negation

    /// What a word does to a negation (`FeatureExtractor.markedStems`).
    public enum Negation: Sendable, Hashable {
        /// It negates what follows: "not", "no", "never".
        case negates
        /// It ends a negation's reach: "but", "why".
        case ends
        case none

        init(_ word: String) {
            if FeatureExtractor.negations.contains(word) {
                self = .negates
            } else if FeatureExtractor.negationEnds.contains(word) {
                self = .ends
            } else {
                self = .none
            }
        }
    }

    public init(
        original: String, word: String, stem: String, isStopword: Bool, wasRepaired: Bool = false,
        startsClause: Bool = false, startsSentence: Bool = false, afterQuestion: Bool = false
    ) {
        self.afterQuestion = afterQuestion
        self.original = original
        self.word = word
        self.negation = Negation(word)
        self.stem = stem
        self.isStopword = isStopword
        self.wasRepaired = wasRepaired
        self.startsClause = startsClause
        self.startsSentence = startsSentence
    }
}
