/// One small change to the data, made in memory, to see whether the regression tests notice it.
///
/// Mutations weaken or scramble what a maintainer wrote (a red-flag rule or concept word, a keyword,
/// an example, an answer's fact, which intent answers what, a threshold), so a mutation nothing
/// notices is a part of the data no conversation guards.
public struct Mutation: Sendable, Hashable, Encodable {
    /// What kind of change it is.
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        /// One `when` set of a red-flag dropped.
        case redFlagRule = "red-flag rule"
        /// One pattern of a red-flag concept dropped ("gave way" from walking-changes).
        case conceptWord = "concept word"
        /// One keyword of an intent dropped, with its synonyms.
        case keyword
        /// One example of an intent dropped, and the classifier trained again without it.
        case example
        /// One fact dropped from an intent's answers.
        case fact
        /// Two intents' answers swapped.
        case swappedAnswers = "swapped answers"
        /// The confidence threshold or the clarification margin moved.
        case threshold
    }

    /// Where the change is made, by position in the loaded data.
    enum Target: Sendable, Hashable {
        case redFlagRule(flag: Int, rule: Int)
        case conceptWord(concept: Int, pattern: Int)
        case keyword(Int)
        case example(Int)
        case fact(intent: Int, fact: Int)
        case swappedAnswers(Int, Int)
        case threshold(Double)
        case margin(Double)
    }

    public var kind: Kind
    /// What it belongs to, for grouping: "intent causes", "flag cauda-equina", "concept numbness".
    public var group: String
    /// The change in words: "drop 'gave way' from concept walking-changes".
    public var change: String
    /// Where a maintainer finds what was changed ("Intents/causes.yaml:31"), when it has a line.
    public var location: String?
    /// Whether it weakens the safety rules: safety mutations are counted apart, and every one of them
    /// must be noticed.
    public var isSafety: Bool
    /// What is dropped, as written ("gave way", "numb*"), for a concept word; else empty.
    public var pattern: String
    var target: Target

    init(kind: Kind, group: String, change: String, location: String? = nil, pattern: String = "", target: Target) {
        self.kind = kind
        self.group = group
        self.change = change
        self.location = location
        self.isSafety = kind == .redFlagRule || kind == .conceptWord
        self.pattern = pattern
        self.target = target
    }

    enum CodingKeys: String, CodingKey {
        case kind, group, change, location, pattern
        case isSafety = "safety"
    }
}
