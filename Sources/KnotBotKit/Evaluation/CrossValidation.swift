/// K-fold cross-validation of the settings tuned on a labelled set: the confidence threshold and
/// the clarification margin.
///
/// The classifier learns from the intent files, never from a labelled set; what is chosen by
/// looking at a set is the dialogue's settings. Each fold's settings are chosen on the other folds
/// (the best overall figure on a grid) and scored on it, so every item is scored by settings that
/// were not chosen on it. Items fall into folds by a fixed hash of their text (a conversation by
/// its first turn), so the folds never change between runs.
public struct CrossValidation: Sendable, Hashable, Codable {
    /// One fold: the settings chosen without it, and how they score on it.
    public struct Fold: Sendable, Hashable, Codable {
        public var threshold: Double
        public var margin: Double
        /// Single questions and dialogue turns in the fold.
        public var items: Int
        /// Of those, the ones answered right.
        public var right: Int
        public var summary: EvaluationReport.Summary
    }

    public var folds: [Fold]

    /// Right items over all folds, as a percentage of all items.
    public var pooled: Double? {
        let items = folds.reduce(0) { $0 + $1.items }
        guard items > 0 else { return nil }
        return 100 * Double(folds.reduce(0) { $0 + $1.right }) / Double(items)
    }

    /// The standard deviation of the folds' overall figures, in points.
    public var spread: Double? {
        let figures = folds.compactMap(\.summary.overall)
        guard figures.count > 1 else { return nil }
        let mean = figures.reduce(0, +) / Double(figures.count)
        let variance = figures.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(figures.count - 1)
        return variance.squareRoot()
    }

    /// Runs `count` folds over the grid of `thresholds` and `margins`.
    ///
    /// Ties on the training folds go to the settings in force, then to the grid's order, so a
    /// flat grid keeps what the maintainers chose.
    public static func run(
        model: BotModel, questions: [LabelledQuestion], dialogues: [LabelledDialogue], count: Int,
        thresholds: [Double], margins: [Double]
    ) -> CrossValidation {
        let questionFolds = questions.map { fold(of: $0.q, count: count) }
        let dialogueFolds = dialogues.map { fold(of: $0.turns.first?.q ?? "", count: count) }
        var folds: [Fold] = []
        for held in 0..<count {
            let trainQuestions = zip(questions, questionFolds).filter { $0.1 != held }.map(\.0)
            let trainDialogues = zip(dialogues, dialogueFolds).filter { $0.1 != held }.map(\.0)
            let testQuestions = zip(questions, questionFolds).filter { $0.1 == held }.map(\.0)
            let testDialogues = zip(dialogues, dialogueFolds).filter { $0.1 == held }.map(\.0)
            let items = testQuestions.count + testDialogues.reduce(0) { $0 + $1.turns.count }
            guard items > 0 else { continue }
            var best: (threshold: Double, margin: Double, overall: Double)?
            for row in Evaluator.sweep(
                model: model, questions: trainQuestions, dialogues: trainDialogues, thresholds: thresholds,
                margins: margins)
            {
                let overall = row.summary.overall ?? 0
                let inForce =
                    row.threshold == model.dialogue.threshold && row.margin == model.dialogue.clarificationMargin
                if best == nil || overall > best?.overall ?? 0 || (overall == best?.overall && inForce) {
                    best = (row.threshold, row.margin, overall)
                }
            }
            guard let best else { continue }
            let assistant = Assistant(model: model, threshold: best.threshold, margin: best.margin)
            let summary = Evaluator(assistant: assistant).evaluate(
                questions: testQuestions, dialogues: testDialogues
            ).summary
            let right = Int((((summary.overall ?? 0) / 100) * Double(items)).rounded())
            folds.append(
                Fold(threshold: best.threshold, margin: best.margin, items: items, right: right, summary: summary))
        }
        return CrossValidation(folds: folds)
    }

    /// The fold an item's text falls in: FNV-1a over its UTF-8 bytes, the same on every machine and
    /// run (Swift's own hashing is seeded per process).
    static func fold(of text: String, count: Int) -> Int {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        return Int(hash % UInt64(max(count, 1)))
    }

    /// One line per fold, then the pooled figure and the spread.
    public var text: String {
        var lines = ["fold  threshold  margin  items  held-out summary"]
        for (index, fold) in folds.enumerated() {
            lines.append("  \(index + 1)     \(fold.threshold)    \(fold.margin)  \(fold.items)  \(fold.summary.line)")
        }
        let pooled = pooled.map { Tenths.text($0) + "%" } ?? "n/a"
        let spread = spread.map { Tenths.text($0) + " points" } ?? "n/a"
        lines.append("cross-validated overall \(pooled) over \(folds.count) folds (standard deviation \(spread))")
        return lines.joined(separator: "\n") + "\n"
    }
}
