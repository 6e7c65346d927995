/// One field of a replayed turn that differs from the recording.
public struct TurnDifference: Sendable, Hashable {
    public var field: String
    public var expected: String
    public var actual: String

    public init(field: String, expected: String, actual: String) {
        self.field = field
        self.expected = expected
        self.actual = actual
    }

    /// The fields that differ between a recorded turn and its replay.
    public static func between(
        recorded: TranscriptTurn, replayed: TranscriptTurn, match: ReplayMatch
    ) -> [TurnDifference] {
        var differences: [TurnDifference] = []
        func compare(_ field: String, _ expected: String, _ actual: String) {
            if expected != actual {
                differences.append(TurnDifference(field: field, expected: expected, actual: actual))
            }
        }
        let (old, new) = (recorded.reply, replayed.reply)
        compare("intent", old.intent ?? "none", new.intent ?? "none")
        compare("urgent", String(old.urgent), String(new.urgent))
        compare("understood", String(old.understood), String(new.understood))
        guard match == .all else { return differences }
        compare("answer", old.answer, new.answer)
        compare("sources", old.sources.joined(separator: " | "), new.sources.joined(separator: " | "))
        compare("state", describe(recorded.state), describe(replayed.state))
        return differences
    }

    static func describe(_ state: DialogueState) -> String {
        state.phase.rawValue + (state.topic.map { " (\($0))" } ?? "")
    }

    /// The difference as lines for a person: a word diff for the answer, old -> new for the rest.
    public var rendered: String {
        if field == "answer" {
            return "answer: " + WordDiff.render(from: expected, to: actual)
        }
        return "\(field): \(expected) -> \(actual)"
    }
}
