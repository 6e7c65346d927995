/// Shared word knowledge from `lexicon.yaml`: rewrites, stop words and protected words.
public struct Lexicon: Sendable, Hashable {
    /// Whole words rewritten before anything else (text-speak, contractions, spelling variants).
    public var rewrites: [String: [String]]
    /// Words that carry no intent on their own.
    public var stopwords: WordSet
    /// Ordinary words that typo repair must never change.
    public var knownWords: WordSet
    /// The known words' stems, so their other forms are never changed either: "started" is a form
    /// of the known "start", not a misspelling of "starred".
    public var knownStems: WordSet = []
    /// Words that only ask to go on with the current topic ("why", "how", "where", "example").
    public var followUpWords: WordSet
    /// Words that point back at what was just said ("that", "it", "them").
    public var referenceWords: WordSet
    /// Words that only open a message ("ok, how come?", "right, and at home?"): dropped there, so the
    /// question is read from its own first word.
    public var openers: WordSet = []

    public init(
        rewrites: [String: [String]], stopwords: WordSet, knownWords: WordSet, followUpWords: WordSet = [],
        referenceWords: WordSet = []
    ) {
        self.rewrites = rewrites
        self.stopwords = stopwords
        self.knownWords = knownWords
        self.followUpWords = followUpWords
        self.referenceWords = referenceWords
    }
}
