/// The safety rules from `red-flags.yaml`, with every phrase already stemmed.
public struct RedFlagRules: Sendable, Hashable {
    /// How soon the person must get care.
    public enum Tier: String, Sendable, Hashable, CaseIterable, Comparable {
        /// Call the emergency number or go to an emergency department now.
        case emergency
        /// See a doctor the same day.
        case urgent

        public static func < (lhs: Tier, rhs: Tier) -> Bool {
            // Emergency sorts first: it is the more serious tier.
            lhs == .emergency && rhs == .urgent
        }
    }

    /// A word or phrase to find, as written and as stems.
    public struct Phrase: Sendable, Hashable {
        public var text: String
        public var stems: [String]

        public init(text: String, stems: [String]) {
            self.text = text
            self.stems = stems
        }
    }

    /// When a flag fires: every group of an `all`, or any phrase of an `any`.
    public enum Pattern: Sendable, Hashable {
        case all([[Phrase]])
        case any([Phrase])
    }

    /// One red-flag symptom.
    public struct Flag: Sendable, Hashable {
        public var id: String
        public var tier: Tier
        /// The symptom in plain words, named back to the person.
        public var symptom: String
        public var sources: [String]
        public var patterns: [Pattern]

        public init(id: String, tier: Tier, symptom: String, sources: [String], patterns: [Pattern]) {
            self.id = id
            self.tier = tier
            self.symptom = symptom
            self.sources = sources
            self.patterns = patterns
        }
    }

    /// Words that cancel a symptom mentioned shortly after them ("no fever").
    public var negationCues: WordSet
    /// How many words before a symptom a negation cue reaches.
    public var negationWindow: Int
    /// Words that end a negation's reach ("no fever but ...").
    public var negationBreaks: WordSet
    /// What the bot says for each tier.
    public var advice: [Tier: String]
    public var flags: [Flag]

    public init(
        negationCues: WordSet, negationWindow: Int, negationBreaks: WordSet, advice: [Tier: String],
        flags: [Flag]
    ) {
        self.negationCues = negationCues
        self.negationWindow = negationWindow
        self.negationBreaks = negationBreaks
        self.advice = advice
        self.flags = flags
    }
}
