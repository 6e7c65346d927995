/// The safety rules from `red-flags.yaml`: named concepts, and flags written as rules over them.
///
/// A concept is a short list of patterns ("numb*", "pins and needles", "cannot ... feel"), each
/// already stemmed; a flag fires when all the concepts of one of its `when` sets occur, live (not
/// negated, not long past) and about the same person, within one sentence (or anywhere in the
/// message, for risk factors such as osteoporosis). Who a symptom belongs to and whether it is
/// current are worked out from role concepts (`context`), so the words for them are data too.
public struct RedFlagRules: Sendable, Hashable {
    /// How soon the person must get care, most serious first.
    public enum Tier: String, Sendable, Hashable, CaseIterable, Comparable {
        /// Talk of suicide or self-harm: the crisis lines come before anything else.
        case crisis
        /// Call the emergency number or go to an emergency department now.
        case emergency
        /// See a doctor the same day.
        case urgent

        /// Most serious first: the order of the cases.
        private var rank: Int {
            switch self {
            case .crisis: 0
            case .emergency: 1
            case .urgent: 2
            }
        }

        public static func < (lhs: Tier, rhs: Tier) -> Bool {
            lhs.rank < rhs.rank
        }
    }

    /// Whose symptom a match is.
    public enum Experiencer: String, Sendable, Hashable, CaseIterable, Codable {
        /// The person typing.
        case user
        /// Someone the person asks about now ("my husband fell off a ladder").
        case other
        /// A relative's past condition ("my dad had cancer"): family history, not a symptom.
        case family
        /// Nobody: a general question ("do scans pick up cancer?").
        case general
    }

    /// What a role concept tells the detector; the words of each live in the data.
    public enum Role: String, Sendable, Hashable, CaseIterable {
        /// Words for the person typing: "i", "my", "me".
        case user
        /// Words for someone else: "my husband", "she", "my 13 year old".
        case someoneElse = "someone-else"
        /// Frames that make an illness family history: "runs in my family", "family history of".
        case familyHistory = "family-history"
        /// Blood relatives whose past illness is family history: "mum", "grandad", "sister".
        case relative
        /// Words that put a relative's illness in the past: "had", "died", "suffered from".
        case relativePast = "relative-past"
        /// Question frames that ask in general: "can a knot cause", "do scans".
        case generalQuestion = "general-question"
        /// Time long past, within the clause: "years ago", "as a kid".
        case longAgo = "long-ago"
        /// A symptom since resolved, for what came before it in the sentence: "it's gone now".
        case resolved
        /// Words after a symptom that clear it within its clause: "bladder fine", "legs strong".
        case allClear = "all-clear"
        /// Words that deny everything before them in the sentence: "none of that".
        case denial
        /// A hypothetical: "if my legs ever went numb", "for the future"; nobody's symptom now.
        case hypothetical
        /// Treating it oneself: massage, stretching, heat, a foam roller.
        case selfTreatment = "self-treatment"
        /// Back pain described: "my back hurts", "lower back pain".
        case backPain = "back-pain"
    }

    /// One step of a concept pattern.
    public enum Element: Sendable, Hashable {
        /// A word, matched by its stem.
        case stem(String)
        /// A word beginning with these letters ("tingl*").
        case prefix(String)
        /// Any match of another concept, by its number.
        case concept(Int)
        /// Up to this many words of anything, within the sentence ("...").
        case gap(Int)
        /// The next word, if any, is not this stem ("bottom !of"); it matches nothing itself.
        case notFollowedBy(String)
        /// The end of a clause or of the message ("$").
        case clauseEnd
    }

    /// A pattern of a concept, as written and as elements.
    public struct Pattern: Sendable, Hashable {
        public var text: String
        public var elements: [Element]

        public init(text: String, elements: [Element]) {
            self.text = text
            self.elements = elements
        }
    }

    /// A named concept; concepts a pattern refers to always come earlier in `concepts`.
    public struct Concept: Sendable, Hashable {
        public var name: String
        public var patterns: [Pattern]

        public init(name: String, patterns: [Pattern]) {
            self.name = name
            self.patterns = patterns
        }
    }

    /// Where the concepts of a flag must meet.
    public enum Scope: String, Sendable, Hashable, CaseIterable {
        /// All in one sentence.
        case sentence
        /// Anywhere in the message: a risk factor told in one sentence, the event in another.
        case message
    }

    /// One way a flag fires: every concept found, none of the exceptions beside them.
    public struct Rule: Sendable, Hashable {
        public var concepts: [Int]
        /// Concepts that, found live in the same scope, stop this rule only ("-name" in the data).
        public var except: [Int]
        /// Where this rule's concepts must meet, when it differs from the flag's scope.
        public var scope: Scope?

        public init(concepts: [Int], except: [Int] = [], scope: Scope? = nil) {
            self.concepts = concepts
            self.except = except
            self.scope = scope
        }
    }

    /// One warning sign.
    public struct Flag: Sendable, Hashable {
        public var id: String
        public var tier: Tier
        /// The symptom in plain words, named back to the person.
        public var symptom: String
        public var sources: [String]
        /// The flag fires when one of its rules holds.
        public var when: [Rule]
        /// Concept numbers that, found live in the same sentence, stop the flag.
        public var unless: [Int]
        public var scope: Scope
        /// True for conditions that matter however long ago they began (cancer, steroids).
        public var timeless: Bool
        /// Whose match raises it; family history and general questions never do, unless listed.
        public var experiencers: [Experiencer]
        /// Whether a message-scoped rule may take its concepts from different people's sentences:
        /// crisis talk is often reported ("he said 'that's where I want my ashes'").
        public var anyPerson: Bool

        public init(
            id: String, tier: Tier, symptom: String, sources: [String], when: [Rule], unless: [Int] = [],
            scope: Scope = .sentence, timeless: Bool = false, experiencers: [Experiencer] = [.user, .other],
            anyPerson: Bool = false
        ) {
            self.id = id
            self.tier = tier
            self.symptom = symptom
            self.sources = sources
            self.when = when
            self.unless = unless
            self.scope = scope
            self.timeless = timeless
            self.experiencers = experiencers
            self.anyPerson = anyPerson
        }
    }

    /// What the bot says for a tier, to the person about themselves and about someone else.
    public struct Advice: Sendable, Hashable {
        public var user: String
        public var other: String

        public init(user: String, other: String) {
            self.user = user
            self.other = other
        }
    }

    /// Words that cancel a concept mentioned shortly after them ("no fever").
    public var negationCues: WordSet
    /// How many words before a concept a negation cue reaches.
    public var negationWindow: Int
    /// Words that end a negation's reach, and a long-ago phrase's ("no fever but ...").
    public var negationBreaks: WordSet
    /// Words a gap ("...") never skips: "my back hurts but my chest is fine" is not chest pain.
    public var gapStops: WordSet = []
    /// Cues that answer a question when they open a clause before the person ("no i have numbness
    /// in my groin"): they do not negate what the person then says.
    public var answerCues: WordSet = []
    /// Words that, one or two after a cue, make it an inability rather than a denial: "I haven't
    /// been able to get an erection" tells the symptom.
    public var inabilityWords: WordSet = []
    /// Concepts (numbers) told in one turn that a later turn's symptom may complete: "my mum has
    /// osteoporosis", then "she slipped in the kitchen".
    public var carried: [Int] = []
    /// The intent id an urgent reply carries (in replies, transcripts and `eval` labels).
    public var replyIntent = ""
    /// The named concepts, rebuilt from `patterns` (for the compiler and checks, never on a turn);
    /// setting them lays the patterns out and files them again.
    public var concepts: [Concept] {
        get { patterns.concepts }
        set {
            patterns = PatternTable(newValue)
            patternStarts = PatternStarts(patterns)
        }
    }
    /// The concepts' patterns, laid out flat for the detector.
    public private(set) var patterns: PatternTable
    /// The concepts' patterns filed by their first word, for the detector.
    public private(set) var patternStarts: PatternStarts
    /// The concept number of each role.
    public var roles: CaseMap<Role, Int>
    public var advice: CaseMap<Tier, Advice>
    /// The one line added to the first answer to someone describing their own back pain.
    public var safetyNet: String
    /// What the bot says when asked about treating a warning sign oneself; `{symptoms}` is filled in.
    public var selfTreatmentRefusal: String
    /// What the bot says when, right after a warning sign, the person asks whether it is only a
    /// knot; `{symptoms}` is filled in and the tier's advice follows.
    public var warningDoubted = ""
    /// Words that doubt a warning ("is it just a knot?", "could it be knots though?").
    public var doubtWords = WordSet([])
    /// Words of a symptom's description said of someone else: "your" -> "their", "you" -> "they".
    public var someoneElseWords: [String: String]
    public var flags: [Flag]

    public init(
        negationCues: WordSet, negationWindow: Int, negationBreaks: WordSet, concepts: [Concept],
        roles: CaseMap<Role, Int>,
        advice: CaseMap<Tier, Advice>, safetyNet: String, selfTreatmentRefusal: String,
        someoneElseWords: [String: String] = [:], flags: [Flag]
    ) {
        self.negationCues = negationCues
        self.negationWindow = negationWindow
        self.negationBreaks = negationBreaks
        self.patterns = PatternTable(concepts)
        self.patternStarts = PatternStarts(patterns)
        self.roles = roles
        self.advice = advice
        self.safetyNet = safetyNet
        self.selfTreatmentRefusal = selfTreatmentRefusal
        self.someoneElseWords = someoneElseWords
        self.flags = flags
    }

    /// Patterns and their filing as the archive stores them, so start-up lays out and files nothing.
    mutating func restore(patterns: PatternTable, patternStarts: PatternStarts) {
        self.patterns = patterns
        self.patternStarts = patternStarts
    }

    /// A symptom's description as said of someone else ("weight loss you can't explain" -> "weight
    /// loss they can't explain"), word by word, punctuation kept.
    public func aboutSomeoneElse(_ text: String) -> String {
        text.split(separator: " ", omittingEmptySubsequences: false).map { word -> String in
            let core = word.prefix { $0.isLetter || $0 == "'" }
            guard let replacement = someoneElseWords[core.lowercased()] else { return String(word) }
            return replacement + word.dropFirst(core.count)
        }
        .joined(separator: " ")
    }

    /// The concept with this name, if any.
    public func concept(named name: String) -> Int? {
        patterns.names.firstIndex { $0 == name }
    }
}
