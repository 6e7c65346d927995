import Foundation

/// A linear classifier over stems and stem pairs, trained at build time from the intents' examples,
/// plus the maintainers' weighted keywords added on top of what was learned.
///
/// Scores are softmax probabilities, so they read as a confidence from 0 to 1.
public struct IntentClassifier: Sendable, Hashable {
    /// A keyword as compiled: its intent, weight and the stems of each way of saying it.
    public struct Keyword: Sendable, Hashable {
        public var intent: Int
        public var term: String
        public var weight: Float
        public var phrases: [[String]]

        public init(intent: Int, term: String, weight: Float, phrases: [[String]]) {
            self.intent = intent
            self.term = term
            self.weight = weight
            self.phrases = phrases
        }
    }

    public let intentIDs: [String]
    /// Sorted, so a feature is found by bisection and start-up builds no hash table.
    public let features: WordSet
    public let weights: SparseWeights
    public let biases: [Float]
    public let keywords: [Keyword]
    /// Every keyword phrase as (keyword, phrase) indexes, ordered by the phrase's first stem.
    ///
    /// A turn finds the phrases that can start at each of its stems by bisection instead of trying
    /// every phrase of every intent. The archive stores this order, so start-up sorts nothing.
    public let phraseIndex: [PhraseReference]

    /// One keyword phrase: which keyword, which of its phrases, and the stem it starts with.
    public struct PhraseReference: Sendable, Hashable {
        public var firstStem: String
        public var keyword: Int
        public var phrase: Int
    }

    public init(intentIDs: [String], features: WordSet, weights: SparseWeights, biases: [Float], keywords: [Keyword]) {
        var index: [PhraseReference] = []
        for (keywordIndex, keyword) in keywords.enumerated() {
            for (phraseIndex, phrase) in keyword.phrases.enumerated() {
                guard let first = phrase.first else { continue }
                index.append(PhraseReference(firstStem: first, keyword: keywordIndex, phrase: phraseIndex))
            }
        }
        index.sort { ($0.firstStem, $0.keyword, $0.phrase) < ($1.firstStem, $1.keyword, $1.phrase) }
        self.init(
            intentIDs: intentIDs, features: features, weights: weights, biases: biases, keywords: keywords,
            phraseIndex: index)
    }

    private init(
        intentIDs: [String], features: WordSet, weights: SparseWeights, biases: [Float], keywords: [Keyword],
        phraseIndex: [PhraseReference]
    ) {
        self.intentIDs = intentIDs
        self.features = features
        self.weights = weights
        self.biases = biases
        self.keywords = keywords
        self.phraseIndex = phraseIndex
    }

    /// A classifier whose phrase order was computed before (the archive's).
    ///
    /// `nil` when the order names a phrase that does not exist. The order itself is trusted, as
    /// `WordSet` trusts its words: checking it would cost start-up more than the rest of the
    /// classifier, and a misordered index can only make a keyword miss.
    public init?(
        intentIDs: [String], features: WordSet, weights: SparseWeights, biases: [Float], keywords: [Keyword],
        phraseOrder: [(keyword: Int, phrase: Int)]
    ) {
        var index: [PhraseReference] = []
        index.reserveCapacity(phraseOrder.count)
        for (keyword, phrase) in phraseOrder {
            guard keywords.indices.contains(keyword), keywords[keyword].phrases.indices.contains(phrase),
                let first = keywords[keyword].phrases[phrase].first
            else { return nil }
            index.append(PhraseReference(firstStem: first, keyword: keyword, phrase: phrase))
        }
        self.init(
            intentIDs: intentIDs, features: features, weights: weights, biases: biases, keywords: keywords,
            phraseIndex: index)
    }

    public static func == (lhs: IntentClassifier, rhs: IntentClassifier) -> Bool {
        lhs.intentIDs == rhs.intentIDs && lhs.features == rhs.features && lhs.weights == rhs.weights
            && lhs.biases == rhs.biases && lhs.keywords == rhs.keywords
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(intentIDs)
        hasher.combine(features)
    }

    /// The row of a feature, or nil when training never saw it.
    func row(of feature: String) -> Int? {
        features.index(of: feature)
    }

    /// The ids of the known features among the tokens.
    func featureIDs(_ tokens: [Token]) -> [Int] {
        FeatureExtractor.features(tokens).compactMap(row(of:))
    }

    /// The keywords (by index, ascending) that the stems contain.
    func matchedKeywords(_ stems: [String]) -> [Int] {
        var matched: [Int] = []
        for (start, stem) in stems.enumerated() {
            var entry = firstPhrase(startingWith: stem)
            while entry < phraseIndex.count, phraseIndex[entry].firstStem == stem {
                let reference = phraseIndex[entry]
                entry += 1
                let words = keywords[reference.keyword].phrases[reference.phrase]
                if !matched.contains(reference.keyword), Self.matches(words[...], in: stems, at: start) {
                    matched.append(reference.keyword)
                }
            }
        }
        return matched.sorted()
    }

    /// How many words a `*` in a keyword may skip.
    ///
    /// Four covers a question's own words ("why would a knot keep hurting" for "why * hurt")
    /// without joining the two ends of a long post.
    static let keywordGap = 4

    /// Whether a keyword phrase occurs in the stems from a given start.
    ///
    /// Each gap (`Aspect.gap`) skips at most `keywordGap` stems. Every skip is tried, since the first
    /// place a run fits may leave the next run out of reach; phrases are a few words, so this stays a
    /// handful of comparisons.
    static func matches(_ phrase: ArraySlice<String>, in stems: [String], at start: Int) -> Bool {
        var position = start
        var index = phrase.startIndex
        while index < phrase.endIndex, phrase[index] != Aspect.gap {
            guard position < stems.count, stems[position] == phrase[index] else { return false }
            position += 1
            index += 1
        }
        guard index < phrase.endIndex else { return true }
        let rest = phrase[(index + 1)...]
        for skip in 0...keywordGap where position + skip < stems.count {
            if matches(rest, in: stems, at: position + skip) { return true }
        }
        return false
    }

    /// The first position in `phraseIndex` whose stem is not below `stem`.
    private func firstPhrase(startingWith stem: String) -> Int {
        var low = 0
        var high = phraseIndex.count
        while low < high {
            let middle = (low + high) / 2
            if phraseIndex[middle].firstStem < stem { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// Raw scores (logits) for every intent.
    func logits(featureIDs: [Int], keywordIDs: [Int]) -> [Float] {
        var logits = biases
        for feature in featureIDs { weights.add(row: feature, into: &logits) }
        for keyword in keywordIDs {
            logits[keywords[keyword].intent] += keywords[keyword].weight
        }
        return logits
    }

    /// The intents ranked for the tokens; the `emphasis` ranges (a post's questions) count `weight`
    /// times more, on top of the whole text.
    public func classify(_ tokens: [Token], emphasis: [Range<Int>] = [], weight: Float = 0) -> Classification {
        let featureIDs = featureIDs(tokens)
        let keywordIDs = matchedKeywords(FeatureExtractor.markedStems(tokens))
        var logits = logits(featureIDs: featureIDs, keywordIDs: keywordIDs)
        if weight > 0 {
            for range in emphasis {
                let part = Array(tokens[range])
                let extra = self.logits(
                    featureIDs: self.featureIDs(part), keywordIDs: matchedKeywords(FeatureExtractor.markedStems(part)))
                for index in logits.indices { logits[index] += weight * (extra[index] - biases[index]) }
            }
        }
        let probabilities = Self.softmax(logits)
        let ranking = probabilities.enumerated()
            .map { Classification.Score(intent: intentIDs[$0.offset], confidence: $0.element) }
            .sorted { $0.confidence != $1.confidence ? $0.confidence > $1.confidence : $0.intent < $1.intent }
        var evidence: [Classification.Evidence] = []
        if let top = ranking.first, let topIndex = intentIDs.firstIndex(of: top.intent) {
            for feature in featureIDs {
                let weight = Double(weights.weight(row: feature, column: topIndex))
                if weight > 0.05 { evidence.append(.init(text: features[feature], weight: weight)) }
            }
            for keyword in keywordIDs where keywords[keyword].intent == topIndex {
                evidence.append(
                    .init(text: "keyword \"\(keywords[keyword].term)\"", weight: Double(keywords[keyword].weight)))
            }
            evidence.sort { $0.weight != $1.weight ? $0.weight > $1.weight : $0.text < $1.text }
        }
        return Classification(
            ranking: ranking, evidence: evidence, hasKnownWords: !featureIDs.isEmpty || !keywordIDs.isEmpty)
    }

    static func softmax(_ logits: [Float]) -> [Double] {
        let maximum = Double(logits.max() ?? 0)
        let exponentials = logits.map { exp(Double($0) - maximum) }
        let total = exponentials.reduce(0, +)
        return exponentials.map { $0 / total }
    }
}
