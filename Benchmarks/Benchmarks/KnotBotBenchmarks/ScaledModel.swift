import KnotBotKit

/// A model with many times the intents, to see how a turn's cost grows with them.
///
/// Each intent is copied `copies` times under new ids, with its learned weights, bias and keywords,
/// as if maintainers had written that many intents sharing the same words. Every feature a
/// question hits then scores `copies` times as many intents: the worst case for growth, since real
/// new intents would bring mostly new words.
enum ScaledModel {
    static func tiled(_ model: BotModel, copies: Int) -> BotModel {
        let classifier = model.classifier
        let width = classifier.intentIDs.count
        let weights = classifier.weights
        var rowStarts: [Int32] = [0]
        var columns: [Int32] = []
        var values: [Float] = []
        for row in 0..<weights.rowCount {
            let entries = Int(weights.rowStarts[row])..<Int(weights.rowStarts[row + 1])
            for copy in 0..<copies {
                for entry in entries {
                    columns.append(Int32(copy * width + Int(weights.columns[entry])))
                    values.append(weights.values[entry])
                }
            }
            rowStarts.append(Int32(values.count))
        }
        guard
            let tiledWeights = SparseWeights(
                width: width * copies, rowStarts: NumberTable(rowStarts), columns: NumberTable(columns),
                values: FloatTable(values))
        else { fatalError("tiled weights are inconsistent") }
        func copyID(_ id: String, _ copy: Int) -> String { copy == 0 ? id : "\(id)_\(copy)" }
        let intentIDs = (0..<copies).flatMap { copy in classifier.intentIDs.map { copyID($0, copy) } }
        let keywords = (0..<copies).flatMap { copy in
            classifier.keywords.map { keyword in
                IntentClassifier.Keyword(
                    intent: copy * width + keyword.intent, term: keyword.term, weight: keyword.weight,
                    phrases: keyword.phrases)
            }
        }
        let intents = (0..<copies).flatMap { copy in
            model.intents.map { intent in
                var copied = intent
                copied.id = copyID(intent.id, copy)
                return copied
            }
        }
        var scaled = model
        scaled.intents = intents
        scaled.classifier = IntentClassifier(
            intentIDs: intentIDs, features: classifier.features, weights: tiledWeights,
            biases: Array(repeating: classifier.biases, count: copies).flatMap { $0 }, keywords: keywords)
        return scaled
    }
}
