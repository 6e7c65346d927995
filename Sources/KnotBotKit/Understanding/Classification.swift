/// What the classifier concluded about one utterance.
public struct Classification: Sendable, Hashable {
    /// One intent and how likely it is, 0 to 1.
    public struct Score: Sendable, Hashable {
        public var intent: String
        public var confidence: Double

        public init(intent: String, confidence: Double) {
            self.intent = intent
            self.confidence = confidence
        }
    }

    /// A word, pair of words or keyword that pushed the top intent up, and by how much.
    public struct Evidence: Sendable, Hashable {
        public var text: String
        public var weight: Double

        public init(text: String, weight: Double) {
            self.text = text
            self.weight = weight
        }
    }

    /// Every intent, most likely first.
    public var ranking: [Score]
    /// What pushed the top intent up, strongest first.
    public var evidence: [Evidence]
    /// Whether any word of the utterance is known to the intents at all.
    public var hasKnownWords: Bool

    public init(ranking: [Score], evidence: [Evidence], hasKnownWords: Bool) {
        self.ranking = ranking
        self.evidence = evidence
        self.hasKnownWords = hasKnownWords
    }

    public var top: Score? { ranking.first }
    public var runnerUp: Score? { ranking.count > 1 ? ranking[1] : nil }
}
