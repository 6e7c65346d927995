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
    /// Sorted, with hashed slots the archive keeps, so start-up builds nothing to find a feature.
    public let features: WordSet
    public let weights: SparseWeights
    public let biases: [Float]
    /// Each keyword's intent, by index in `intentIDs`.
    public let keywordIntents: [Int32]
    /// Each keyword's weight, added to its intent's score when one of its phrases matches.
    public let keywordWeights: [Float]
    /// Each keyword's term as written in the intents (for explanations).
    public let keywordTerms: PackedStrings
    /// Every keyword's phrases, owned by the keyword's number and filed by first stem, so a turn
    /// finds the phrases that can start at each of its stems with one lookup.
    public let phrases: PhraseTable

    public init(intentIDs: [String], features: WordSet, weights: SparseWeights, biases: [Float], keywords: [Keyword]) {
        self.init(
            checked: intentIDs, features: features, weights: weights, biases: biases,
            keywordIntents: keywords.map { Int32($0.intent) }, keywordWeights: keywords.map(\.weight),
            keywordTerms: PackedStrings(keywords.map(\.term)),
            phrases: PhraseTable(
                keywords.enumerated().flatMap { number, keyword in keyword.phrases.map { (number, $0) } }))
    }

    /// A classifier as an archive stores it: `nil` unless the keywords' parts agree in number and
    /// name intents that exist.
    public init?(
        intentIDs: [String], features: WordSet, weights: SparseWeights, biases: [Float], keywordIntents: [Int32],
        keywordWeights: [Float], keywordTerms: PackedStrings, phrases: PhraseTable
    ) {
        guard keywordWeights.count == keywordIntents.count, keywordTerms.count == keywordIntents.count,
            keywordIntents.allSatisfy({ $0 >= 0 && Int($0) < intentIDs.count }),
            phrases.owners.allSatisfy({ Int($0) < keywordIntents.count })
        else { return nil }
        self.init(
            checked: intentIDs, features: features, weights: weights, biases: biases, keywordIntents: keywordIntents,
            keywordWeights: keywordWeights, keywordTerms: keywordTerms, phrases: phrases)
    }

    private init(
        checked intentIDs: [String], features: WordSet, weights: SparseWeights, biases: [Float],
        keywordIntents: [Int32], keywordWeights: [Float], keywordTerms: PackedStrings, phrases: PhraseTable
    ) {
        self.intentIDs = intentIDs
        self.features = features
        self.weights = weights
        self.biases = biases
        self.keywordIntents = keywordIntents
        self.keywordWeights = keywordWeights
        self.keywordTerms = keywordTerms
        self.phrases = phrases
    }

    /// The keywords, rebuilt from the flat tables with their phrases (for building and tools; a turn
    /// never needs them).
    public var keywords: [Keyword] {
        var phrasesByKeyword = Array(repeating: [[String]](), count: keywordIntents.count)
        for index in 0..<phrases.count {
            phrasesByKeyword[Int(phrases.owners[index])].append(phrases.phrase(index))
        }
        return keywordIntents.indices.map { number in
            Keyword(
                intent: Int(keywordIntents[number]), term: keywordTerms[number], weight: keywordWeights[number],
                phrases: phrasesByKeyword[number])
        }
    }

    /// The row of a feature, or nil when training never saw it.
    func row(of feature: String) -> Int? {
        features.index(of: feature)
    }

    /// The ids of the known features among the tokens, each once, in `FeatureExtractor.features`
    /// order (so scores add up in the same order as in training).
    ///
    /// The features are looked up as bytes in one scratch buffer, not built as Strings and
    /// deduplicated through a Set: that cost 25,000 instructions a call, on every turn twice or more
    /// (the crisis backstop asks again for each sentence).
    func featureIDs(_ tokens: [Token]) -> [Int] {
        // Sized up front: grown by appending, the three arrays were reallocated about 19 times a
        // turn (2,950 times a run of the 146 regression questions, 0.9 M instructions).
        var content: [Token] = []
        content.reserveCapacity(tokens.count)
        for token in tokens where !token.isStopword { content.append(token) }
        var ids: [Int] = []
        ids.reserveCapacity(3 * content.count)
        var seen = [UInt64](repeating: 0, count: (features.count + 63) / 64)
        var scratch: [UInt8] = []
        scratch.reserveCapacity(64)
        func add(_ bytes: UnsafeBufferPointer<UInt8>) {
            guard let id = features.index(ofBytes: bytes) else { return }
            let bit: UInt64 = 1 << UInt64(id % 64)
            guard seen[id / 64] & bit == 0 else { return }
            seen[id / 64] |= bit
            ids.append(id)
        }
        func add(_ first: String, _ second: String, _ third: String = "") {
            scratch.removeAll(keepingCapacity: true)
            scratch.append(contentsOf: first.utf8)
            scratch.append(contentsOf: second.utf8)
            scratch.append(contentsOf: third.utf8)
            scratch.withUnsafeBufferPointer { add($0) }
        }
        for token in content {
            token.stem.withUTF8Bytes { add($0) }
        }
        for token in content where token.word != token.stem { add("=", token.word) }
        if content.count > 1 {
            for index in 1..<content.count { add(content[index - 1].stem, " ", content[index].stem) }
        }
        return ids
    }

    /// The keywords (by index, ascending) that the stems contain.
    func matchedKeywords(_ stems: [String]) -> [Int] {
        phrases.matchedOwners(in: stems)
    }

    /// Raw scores (logits) for every intent.
    func logits(featureIDs: [Int], keywordIDs: [Int]) -> [Float] {
        var logits = biases
        for feature in featureIDs { weights.add(row: feature, into: &logits) }
        for keyword in keywordIDs {
            logits[Int(keywordIntents[keyword])] += keywordWeights[keyword]
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
            for keyword in keywordIDs where keywordIntents[keyword] == topIndex {
                evidence.append(
                    .init(text: "keyword \"\(keywordTerms[keyword])\"", weight: Double(keywordWeights[keyword])))
            }
            evidence.sort { $0.weight != $1.weight ? $0.weight > $1.weight : $0.text < $1.text }
        }
        return Classification(
            ranking: ranking, evidence: evidence, hasKnownWords: !featureIDs.isEmpty || !keywordIDs.isEmpty)
    }

    /// The probability of one intent for the tokens, without the ranking and evidence `classify`
    /// builds: the crisis backstop asks this of every sentence of every turn.
    public func probability(ofIntentAt index: Int, in tokens: [Token]) -> Double {
        let logits = logits(
            featureIDs: featureIDs(tokens), keywordIDs: matchedKeywords(FeatureExtractor.markedStems(tokens)))
        guard logits.indices.contains(index) else { return 0 }
        return Self.softmax(logits)[index]
    }

    static func softmax(_ logits: [Float]) -> [Double] {
        let maximum = Double(logits.max() ?? 0)
        let exponentials = logits.map { exp(Double($0) - maximum) }
        let total = exponentials.reduce(0, +)
        return exponentials.map { $0 / total }
    }
}
