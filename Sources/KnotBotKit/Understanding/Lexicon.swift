/// Shared word knowledge from `lexicon.yaml`: rewrites, stop words and protected words.
public struct Lexicon: Sendable, Hashable {
    /// Whole words rewritten before anything else (text-speak, contractions, spelling variants).
    public var rewrites: [String: [String]]
    /// Words that carry no intent on their own.
    public var stopwords: Set<String>
    /// Ordinary words that typo repair must never change.
    public var knownWords: Set<String>
    /// Words that only ask to go on with the current topic ("why", "how", "where", "example").
    public var followUpWords: Set<String>
    /// Words that point back at what was just said ("that", "it", "them").
    public var referenceWords: Set<String>

    public init(
        rewrites: [String: [String]], stopwords: Set<String>, knownWords: Set<String>, followUpWords: Set<String> = [],
        referenceWords: Set<String> = []
    ) {
        self.rewrites = rewrites
        self.stopwords = stopwords
        self.knownWords = knownWords
        self.followUpWords = followUpWords
        self.referenceWords = referenceWords
    }
}
