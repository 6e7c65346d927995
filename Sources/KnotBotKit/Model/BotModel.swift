/// Everything the bot knows, compiled: knowledge, intents and their answers, classifier, safety rules.
///
/// Built once (at build time for the embedded model, or from `--intents` at start-up) and never
/// re-parsed on the per-turn path.
public struct BotModel: Sendable, Hashable {
    public var knowledge: KnowledgeBase
    public var lexicon: Lexicon
    public var redFlags: RedFlagRules
    public var dialogue: DialogueSettings
    public var intents: [CompiledIntent] {
        didSet {
            intentsByID = Self.index(intents.map(\.id))
            scopeAspects = Self.scopeAspects(intents, facts)
        }
    }
    /// Intent indices by id: a turn asks for intents by id about 200 times, and walking the list
    /// comparing ids cost 13,000 instructions a turn.
    public private(set) var intentsByID: [String: Int]
    public var classifier: IntentClassifier
    /// The learned backstop for crisis talk (`crisis-language.yaml`), when the intents folder has one.
    public var crisisLanguage: CrisisLanguageModel?
    /// Every word the intents and red flags use; such words are never typo-repaired.
    public var vocabulary: WordSet
    /// Domain terms that misspelt words are repaired into, most frequent first.
    public var typoTargets: PackedStrings
    /// A hash of the intents and knowledge this model was compiled from.
    public var fingerprint: String
    /// What questions can be about within a topic (`aspects.yaml`), by index in `AspectSet`s.
    public var aspects: [Aspect] {
        didSet { aspectMatcher = AspectMatcher(aspects) }
    }
    /// The aspects indexed for matching on every turn.
    public private(set) var aspectMatcher: AspectMatcher
    /// Every unit of knowledge answers are built from: the byline, article sentences, supplement facts.
    public var facts: [Fact] {
        didSet {
            factsByID = Self.index(facts.map(\.id))
            scopeAspects = Self.scopeAspects(intents, facts)
        }
    }
    /// Fact indices by id, for the ids a dialogue state keeps.
    public private(set) var factsByID: [String: Int]
    /// For each intent, the aspects its facts speak to and the conditions they require, so a turn
    /// does not walk the facts to find them.
    public private(set) var scopeAspects: [String: ScopeAspects]

    /// What the facts serving one intent speak to, and the conditions they require.
    public struct ScopeAspects: Sendable, Hashable {
        public var spoken = AspectSet()
        public var conditions = AspectSet()
    }

    public init(
        knowledge: KnowledgeBase, lexicon: Lexicon, redFlags: RedFlagRules, dialogue: DialogueSettings,
        intents: [CompiledIntent],
        classifier: IntentClassifier, vocabulary: WordSet, typoTargets: PackedStrings, fingerprint: String,
        aspects: [Aspect] = [], facts: [Fact] = []
    ) {
        self.init(
            knowledge: knowledge, lexicon: lexicon, redFlags: redFlags, dialogue: dialogue, intents: intents,
            classifier: classifier, vocabulary: vocabulary, typoTargets: typoTargets, fingerprint: fingerprint,
            aspects: aspects, matcher: AspectMatcher(aspects), facts: facts)
    }

    /// A model whose aspects were indexed before (the archive keeps the index).
    init(
        knowledge: KnowledgeBase, lexicon: Lexicon, redFlags: RedFlagRules, dialogue: DialogueSettings,
        intents: [CompiledIntent],
        classifier: IntentClassifier, vocabulary: WordSet, typoTargets: PackedStrings, fingerprint: String,
        aspects: [Aspect], matcher: AspectMatcher, facts: [Fact]
    ) {
        self.aspects = aspects
        self.aspectMatcher = matcher
        self.facts = facts
        self.factsByID = Self.index(facts.map(\.id))
        self.intentsByID = Self.index(intents.map(\.id))
        self.scopeAspects = Self.scopeAspects(intents, facts)
        self.knowledge = knowledge
        self.lexicon = lexicon
        self.redFlags = redFlags
        self.dialogue = dialogue
        self.intents = intents
        self.classifier = classifier
        self.vocabulary = vocabulary
        self.typoTargets = typoTargets
        self.fingerprint = fingerprint
    }

    public func intent(_ id: String) -> CompiledIntent? {
        intentsByID[id].map { intents[$0] }
    }

    /// The intents that answer from the knowledge, in the order the article reads: by the first
    /// fact each opens with, ties (intents sharing a fact) by id so the order never depends on files.
    public var knowledgeIntentsInReadingOrder: [CompiledIntent] {
        intents.filter(\.isKnowledge).sorted { left, right in
            let leftFirst = left.pageFacts.first?.min() ?? Int.max
            let rightFirst = right.pageFacts.first?.min() ?? Int.max
            return leftFirst == rightFirst ? left.id < right.id : leftFirst < rightFirst
        }
    }

    /// The intent that plays `role` (the compiler checks there is exactly one).
    public func intent(role: IntentRole) -> CompiledIntent? {
        intents.first { $0.role == role }
    }

    /// Positions by id; of two with one id, the first (as `first(where:)` would find it).
    private static func index(_ ids: [String]) -> [String: Int] {
        Dictionary(ids.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
    }

    private static func scopeAspects(_ intents: [CompiledIntent], _ facts: [Fact]) -> [String: ScopeAspects] {
        var result: [String: ScopeAspects] = [:]
        for intent in intents {
            var aspects = ScopeAspects()
            for index in intent.scope where facts.indices.contains(index) {
                aspects.spoken = aspects.spoken.union(facts[index].aspects)
                aspects.conditions = aspects.conditions.union(facts[index].requires)
            }
            result[intent.id] = aspects
        }
        return result
    }
}
