/// Examples as rows of feature numbers, for fitting again and again without analysing them again.
struct TrainingSet: Sendable {
    /// Every feature of every example.
    let features: WordSet
    /// Each example's features by number, in the order the example gives them.
    let rows: [[Int]]
    /// Each example's intent, by its place in `ids`.
    let labels: [Int]
    let ids: [String]
    /// How many examples have each feature.
    let exampleCounts: [Int]

    init(features exampleFeatures: [[String]], labels: [Int], ids: [String]) {
        let features = WordSet(exampleFeatures.joined())
        let featureIndex = Dictionary(uniqueKeysWithValues: features.enumerated().map { ($1, $0) })
        self.features = features
        self.rows = exampleFeatures.map { $0.compactMap { featureIndex[$0] } }
        self.labels = labels
        self.ids = ids
        var counts = [Int](repeating: 0, count: features.count)
        for row in rows { for feature in Set(row) { counts[feature] += 1 } }
        self.exampleCounts = counts
    }
}
