/// Everything the bot knows, compiled: knowledge, intents and their answers, classifier, safety rules.
///
/// Built once (at build time for the embedded model, or from `--intents` at start-up) and never
/// re-parsed on the per-turn path.
public struct BotModel: Sendable, Hashable {
    public var knowledge: KnowledgeBase
    public var lexicon: Lexicon
    public var redFlags: RedFlagRules
    public var dialogue: DialogueSettings
    public var intents: [CompiledIntent]
    public var classifier: IntentClassifier
    /// Every word the intents and red flags use; such words are never typo-repaired.
    public var vocabulary: WordSet
    /// Domain terms that misspelt words are repaired into, most frequent first.
    public var typoTargets: PackedStrings
    /// A hash of the intents and knowledge this model was compiled from.
    public var fingerprint: String

    public init(
        knowledge: KnowledgeBase, lexicon: Lexicon, redFlags: RedFlagRules, dialogue: DialogueSettings,
        intents: [CompiledIntent],
        classifier: IntentClassifier, vocabulary: WordSet, typoTargets: PackedStrings, fingerprint: String
    ) {
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
        intents.first { $0.id == id }
    }

    /// The intent that plays `role` (the compiler checks there is exactly one).
    public func intent(role: IntentRole) -> CompiledIntent? {
        intents.first { $0.role == role }
    }
}
