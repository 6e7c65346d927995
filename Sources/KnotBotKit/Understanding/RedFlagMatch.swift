/// A red flag found in an utterance, with the words that raised it.
public struct RedFlagMatch: Sendable, Hashable {
    public var flag: RedFlagRules.Flag
    /// The phrases of the flag's rule that were found, as written in the rules.
    public var matchedPhrases: [String]

    public init(flag: RedFlagRules.Flag, matchedPhrases: [String]) {
        self.flag = flag
        self.matchedPhrases = matchedPhrases
    }
}
