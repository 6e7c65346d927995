/// Runs labelled questions and conversations through the bot and scores every reply.
public struct Evaluator: Sendable {
    public let assistant: Assistant

    public init(assistant: Assistant) {
        self.assistant = assistant
    }

    /// The topic a reply answers: the urgent reply's id when urgent, the intent's declared topic,
    /// the out-of-scope intent's topic when the bot declined, "clarification" when it asked back.
    public func topic(of reply: Reply) -> String {
        let model = assistant.model
        if reply.urgent { return model.redFlags.replyIntent }
        guard let id = reply.intent, let intent = model.intent(id) else {
            return reply.understood ? "clarification" : model.intent(role: .outOfScope)?.topic ?? "declined"
        }
        return intent.topic
    }

    public func evaluate(
        questions: [LabelledQuestion], dialogues: [LabelledDialogue] = [],
        progress: (_ done: Int, _ total: Int) -> Void = { _, _ in }
    ) -> EvaluationReport {
        let total = questions.count + dialogues.count
        var misses: [EvaluationReport.Miss] = []
        var pairs: [(expected: String, predicted: String, right: Bool)] = []
        var flags = (caught: 0, total: 0)
        var outOfScope = (declined: 0, total: 0)
        var urgentWrongly = 0
        for (index, question) in questions.enumerated() {
            let reply = assistant.respond(to: question.q, in: .start).reply
            let problem = Self.problem(question, reply: reply, previousAnswer: nil, model: assistant.model)
            let predicted = topic(of: reply)
            pairs.append((question.topic, predicted, problem == nil))
            if let problem {
                misses.append(
                    .init(
                        q: question.q, expected: question.topic, predicted: predicted, confidence: reply.confidence,
                        reason: problem))
            }
            if question.topic == assistant.model.redFlags.replyIntent {
                flags.total += 1
                if reply.urgent { flags.caught += 1 }
            } else if reply.urgent {
                urgentWrongly += 1
            }
            if question.topic == assistant.model.intent(role: .outOfScope)?.topic {
                outOfScope.total += 1
                if problem == nil { outOfScope.declined += 1 }
            }
            progress(index + 1, total)
        }
        var turns = (right: 0, total: 0)
        for (number, dialogue) in dialogues.enumerated() {
            var session = ChatSession(assistant: assistant)
            var previous: String?
            for (turnIndex, turn) in dialogue.turns.enumerated() {
                turns.total += 1
                guard let reply = session.turn(turn.q) else { continue }
                if let problem = Self.problem(turn, reply: reply, previousAnswer: previous, model: assistant.model) {
                    misses.append(
                        .init(
                            q: turn.q, expected: turn.topic, predicted: topic(of: reply), confidence: reply.confidence,
                            reason: problem, dialogue: number + 1, turn: turnIndex + 1))
                } else {
                    turns.right += 1
                }
                previous = reply.answer
            }
            progress(questions.count + number + 1, total)
        }
        func ratio(_ part: Int, _ whole: Int) -> Double? { whole == 0 ? nil : Double(part) / Double(whole) * 100 }
        let right = pairs.filter(\.right).count
        let summary = EvaluationReport.Summary(
            single: ratio(right, pairs.count), dialogue: ratio(turns.right, turns.total),
            redflagRecall: ratio(flags.caught, flags.total),
            falseUrgent: ratio(urgentWrongly, questions.count - flags.total),
            oos: ratio(outOfScope.declined, outOfScope.total),
            overall: ratio(right + turns.right, pairs.count + turns.total))
        return EvaluationReport(
            topics: Self.scores(pairs),
            confusions: Self.confusions(pairs, notCovered: assistant.model.intent(role: .notCovered)?.topic),
            misses: misses, summary: summary)
    }

    /// Why `reply` is wrong for `question`, or nil when it is right.
    ///
    /// The topic rubric comes first, so a reply on the wrong topic is reported as that; only a reply
    /// the rubric accepts is then checked for the fact asked for (`must`, then `must-not`).
    static func problem(
        _ question: LabelledQuestion, reply: Reply, previousAnswer: String?, model: BotModel
    ) -> String? {
        if let problem = EvaluationRubric.problem(
            topic: question.topic, reply: reply, previousAnswer: previousAnswer, model: model)
        {
            return problem
        }
        return question.factProblem(in: reply.answer)
    }

    /// Precision, recall and F1 per labelled topic, from expected and predicted topics.
    static func scores(_ pairs: [(expected: String, predicted: String, right: Bool)]) -> [EvaluationReport.TopicScore] {
        Set(pairs.map(\.expected)).sorted().map { topic in
            let truePositives = pairs.filter { $0.expected == topic && $0.predicted == topic }.count
            let predicted = pairs.filter { $0.predicted == topic }.count
            let actual = pairs.filter { $0.expected == topic }.count
            let precision = predicted == 0 ? 0 : Double(truePositives) / Double(predicted)
            let recall = actual == 0 ? 0 : Double(truePositives) / Double(actual)
            let f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall)
            let correct = pairs.filter { $0.expected == topic && $0.right }.count
            return .init(topic: topic, precision: precision, recall: recall, f1: f1, support: actual, correct: correct)
        }
    }

    /// The mixed-up pairs, most frequent first.
    static func confusions(
        _ pairs: [(expected: String, predicted: String, right: Bool)], notCovered: String?
    ) -> [EvaluationReport.Confusion] {
        var counts: [String: (String, String, Int)] = [:]
        for pair in pairs where pair.expected != pair.predicted {
            // Declining a not-covered question is right by the rubric; it is not a confusion.
            if pair.right && pair.expected == notCovered { continue }
            let key = pair.expected + "\u{0}" + pair.predicted
            counts[key, default: (pair.expected, pair.predicted, 0)].2 += 1
        }
        return counts.values.map { .init(expected: $0.0, predicted: $0.1, count: $0.2) }
            .sorted { ($0.count, $1.expected, $1.predicted) > ($1.count, $0.expected, $0.predicted) }
    }

    /// Accuracy over a grid of confidence thresholds and clarification margins, for choosing them
    /// from figures rather than by hand.
    public static func sweep(
        model: BotModel, questions: [LabelledQuestion], dialogues: [LabelledDialogue],
        thresholds: [Double], margins: [Double]
    ) -> [(threshold: Double, margin: Double, summary: EvaluationReport.Summary)] {
        var rows: [(threshold: Double, margin: Double, summary: EvaluationReport.Summary)] = []
        for threshold in thresholds {
            for margin in margins {
                let evaluator = Evaluator(assistant: Assistant(model: model, threshold: threshold, margin: margin))
                rows.append((threshold, margin, evaluator.evaluate(questions: questions, dialogues: dialogues).summary))
            }
        }
        return rows
    }
}
