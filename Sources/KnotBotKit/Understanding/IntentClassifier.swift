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
    public let features: [String]
    /// Row-major: `features.count` rows of `intentIDs.count` weights.
    public let weights: [Float]
    public let biases: [Float]
    public let keywords: [Keyword]
    private let featureIndex: [String: Int]

    public init(intentIDs: [String], features: [String], weights: [Float], biases: [Float], keywords: [Keyword]) {
        self.intentIDs = intentIDs
        self.features = features
        self.weights = weights
        self.biases = biases
        self.keywords = keywords
        self.featureIndex = Dictionary(uniqueKeysWithValues: features.enumerated().map { ($1, $0) })
    }

    public static func == (lhs: IntentClassifier, rhs: IntentClassifier) -> Bool {
        lhs.intentIDs == rhs.intentIDs && lhs.features == rhs.features && lhs.weights == rhs.weights
            && lhs.biases == rhs.biases && lhs.keywords == rhs.keywords
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(intentIDs)
        hasher.combine(features)
    }

    /// The ids of the known features among the tokens.
    func featureIDs(_ tokens: [Token]) -> [Int] {
        FeatureExtractor.features(tokens).compactMap { featureIndex[$0] }
    }

    /// The keywords (by index) that the stems contain.
    func matchedKeywords(_ stems: [String]) -> [Int] {
        keywords.indices.filter { index in
            keywords[index].phrases.contains { FeatureExtractor.contains(stems, phrase: $0) }
        }
    }

    /// Raw scores (logits) for every intent.
    func logits(featureIDs: [Int], keywordIDs: [Int]) -> [Float] {
        var logits = biases
        let width = intentIDs.count
        weights.withUnsafeBufferPointer { weights in
            for feature in featureIDs {
                let row = feature * width
                for intent in 0..<width { logits[intent] += weights[row + intent] }
            }
        }
        for keyword in keywordIDs {
            logits[keywords[keyword].intent] += keywords[keyword].weight
        }
        return logits
    }

    public func classify(_ tokens: [Token]) -> Classification {
        let featureIDs = featureIDs(tokens)
        let keywordIDs = matchedKeywords(FeatureExtractor.markedStems(tokens))
        let logits = logits(featureIDs: featureIDs, keywordIDs: keywordIDs)
        let probabilities = Self.softmax(logits)
        let ranking = probabilities.enumerated()
            .map { Classification.Score(intent: intentIDs[$0.offset], confidence: $0.element) }
            .sorted { $0.confidence != $1.confidence ? $0.confidence > $1.confidence : $0.intent < $1.intent }
        var evidence: [Classification.Evidence] = []
        if let top = ranking.first, let topIndex = intentIDs.firstIndex(of: top.intent) {
            let width = intentIDs.count
            for feature in featureIDs {
                let weight = Double(weights[feature * width + topIndex])
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
