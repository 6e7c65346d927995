/// The result of `knotbot eval`: per-topic precision, recall and F1, the confusions, every miss, and
/// the summary figures, rendered as text for people or encoded as JSON for programs.
public struct EvaluationReport: Sendable, Hashable, Codable {
    /// How one topic fared on the single questions.
    public struct TopicScore: Sendable, Hashable, Codable {
        public var topic: String
        public var precision: Double
        public var recall: Double
        public var f1: Double
        /// Labelled questions of this topic.
        public var support: Int
        /// How many of them got a right reply by the rubric.
        public var correct: Int
    }

    /// A pair of topics the bot mixed up, and how often.
    public struct Confusion: Sendable, Hashable, Codable {
        public var expected: String
        public var predicted: String
        public var count: Int
    }

    /// A question (or dialogue turn) that got a wrong reply.
    public struct Miss: Sendable, Hashable, Codable {
        public var q: String
        public var expected: String
        public var predicted: String
        public var confidence: Double
        public var reason: String
        /// For dialogue turns: the 1-based dialogue and turn.
        public var dialogue: Int?
        public var turn: Int?
    }

    /// The headline figures, as percentages; nil where the set had nothing to measure.
    public struct Summary: Sendable, Hashable, Codable {
        public var single: Double?
        public var dialogue: Double?
        public var redflagRecall: Double?
        public var falseUrgent: Double?
        public var oos: Double?
        /// Right single questions and dialogue turns together, over all of them.
        public var overall: Double?

        public init(
            single: Double? = nil, dialogue: Double? = nil, redflagRecall: Double? = nil, falseUrgent: Double? = nil,
            oos: Double? = nil, overall: Double? = nil
        ) {
            self.single = single
            self.dialogue = dialogue
            self.redflagRecall = redflagRecall
            self.falseUrgent = falseUrgent
            self.oos = oos
            self.overall = overall
        }

        /// `single A% dialogue B% redflag-recall C% false-urgent D% oos E% overall F%`.
        ///
        /// The first five fields are the shared evaluation's line, in its order, so a reader of that
        /// line reads this one; `overall` goes last for the same reason.
        public var line: String {
            func percent(_ value: Double?) -> String {
                guard let value else { return "n/a" }
                return Tenths.text(value) + "%"
            }
            return "single \(percent(single)) dialogue \(percent(dialogue)) redflag-recall \(percent(redflagRecall)) "
                + "false-urgent \(percent(falseUrgent)) oos \(percent(oos)) overall \(percent(overall))"
        }
    }

    public var topics: [TopicScore]
    public var confusions: [Confusion]
    public var misses: [Miss]
    public var summary: Summary

    /// The report for people: a table, the confusions, the misses, and the summary line last.
    ///
    /// Every line is escaped (`TerminalText`): topics and questions come from the labelled file.
    public var text: String {
        var lines: [String] = []
        if !topics.isEmpty {
            lines.append("topic                precision  recall      F1  right/n")
            for score in topics {
                let name = score.topic.padding(toLength: 20, withPad: " ", startingAt: 0)
                lines.append(
                    "\(name) \(Self.cell(score.precision)) \(Self.cell(score.recall)) \(Self.cell(score.f1))  "
                        + "\(score.correct)/\(score.support)")
            }
        }
        if !confusions.isEmpty {
            lines.append("")
            lines.append("confused topics (expected -> got: count):")
            for confusion in confusions {
                lines.append("  \(confusion.expected) -> \(confusion.predicted): \(confusion.count)")
            }
        }
        if !misses.isEmpty {
            lines.append("")
            lines.append("wrong replies:")
            for miss in misses {
                let place = miss.dialogue.map { "dialogue \($0) turn \(miss.turn ?? 0): " } ?? ""
                lines.append(
                    "  \(place)\"\(TerminalText.escaped(miss.q, quoting: true))\" expected \(miss.expected), got \(miss.predicted) "
                        + "(\(Int((miss.confidence * 100).rounded()))%): \(miss.reason)")
            }
        }
        lines.append("")
        lines.append(summary.line)
        return lines.map { TerminalText.escaped($0) }.joined(separator: "\n") + "\n"
    }

    static func cell(_ value: Double) -> String {
        let text = Tenths.text(value * 100)
        return String(repeating: " ", count: max(0, 9 - text.count)) + text
    }
}
