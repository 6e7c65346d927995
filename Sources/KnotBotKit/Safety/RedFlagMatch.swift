/// A red flag found in an utterance: which, about whom, and the words that raised it.
public struct RedFlagMatch: Sendable, Hashable {
    public var flag: RedFlagRules.Flag
    public var experiencer: RedFlagRules.Experiencer
    /// The words that matched each concept of the flag's rule, as typed.
    public var matchedPhrases: [String]

    public init(flag: RedFlagRules.Flag, experiencer: RedFlagRules.Experiencer = .user, matchedPhrases: [String]) {
        self.flag = flag
        self.experiencer = experiencer
        self.matchedPhrases = matchedPhrases
    }
}
