/// One field of a replayed turn that differs from the recording; `TurnDifferenceRenderer` shows it.
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
        if let expect = recorded.expect {
            compare("intent (marked with /expect)", expect, new.intent ?? "none")
            // A recording marked wrong is no standard for the rest of the turn until it is re-recorded
            // (`--update`) with the right answer: only the marked intent is checked.
            if (old.intent ?? "none") != expect { return differences }
        }
        compare("intent", old.intent ?? "none", new.intent ?? "none")
        compare("urgent", String(old.urgent), String(new.urgent))
        compare("understood", String(old.understood), String(new.understood))
        guard match == .all else { return differences }
        compare("answer", old.answer, new.answer)
        // One source a line: the report then shows each side's sources one under another.
        compare("sources", old.sources.joined(separator: "\n"), new.sources.joined(separator: "\n"))
        compare("state", describe(recorded.state), describe(replayed.state))
        return differences
    }

    static func describe(_ state: DialogueState) -> String {
        state.phase.rawValue + (state.topic.map { " (\($0))" } ?? "")
    }
}
