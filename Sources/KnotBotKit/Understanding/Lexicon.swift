/// Shared word knowledge from `lexicon.yaml`: rewrites, stop words and protected words.
public struct Lexicon: Sendable, Hashable {
    /// Whole words rewritten before anything else (text-speak, contractions, spelling variants).
    public var rewrites: [String: [String]]
    /// Words that carry no intent on their own.
    public var stopwords: Set<String>
    /// Ordinary words that typo repair must never change.
    public var knownWords: Set<String>

    public init(rewrites: [String: [String]], stopwords: Set<String>, knownWords: Set<String>) {
        self.rewrites = rewrites
        self.stopwords = stopwords
        self.knownWords = knownWords
    }
}
