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
    ///
    /// `fixedWords` says the reply is an intent's own written words (a greeting, the help text), not
    /// composed from facts nor a fallback: the default match compares those too, since no retrain
    /// changes them and only their words tell one such reply from another.
    public static func between(
        recorded: TranscriptTurn, replayed: TranscriptTurn, match: ReplayMatch, fixedWords: Bool = false
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
        guard match != .intent else { return differences }
        // One source a line: the report then shows each side's sources one under another.
        compare("sources", old.sources.joined(separator: "\n"), new.sources.joined(separator: "\n"))
        let (before, after) = (recorded.state, replayed.state)
        compare("state", describe(before), describe(after))
        // A key the recording lacks (recorded before it existed) reads as its default: no standard.
        func compareState(_ key: String, _ field: String, _ expected: String, _ actual: String) {
            if recorded.recordedStateKeys?.contains(key) ?? true { compare(field, expected, actual) }
        }
        compareState("given", "facts given", before.given.joined(separator: ", "), after.given.joined(separator: ", "))
        compareState("lastLead", "fact led with", before.lastLead ?? "none", after.lastLead ?? "none")
        compareState("lastAsked", "last question", before.lastAsked ?? "none", after.lastAsked ?? "none")
        compareState(
            "context", "context", before.context.joined(separator: ", "), after.context.joined(separator: ", "))
        compareState(
            "options", "options", before.options.joined(separator: ", "), after.options.joined(separator: ", "))
        compareState(
            "redFlagSymptoms", "red-flag symptoms", before.redFlagSymptoms.joined(separator: ", "),
            after.redFlagSymptoms.joined(separator: ", "))
        compareState("misses", "misses", String(before.misses), String(after.misses))
        compareState(
            "safetyNetGiven", "safety net given", String(before.safetyNetGiven), String(after.safetyNetGiven))
        compareState(
            "carried", "carried", before.carried.joined(separator: " | "), after.carried.joined(separator: " | "))
        if match == .behaviour && fixedWords && old.understood && new.understood {
            compare("answer", old.answer, new.answer)
        }
        guard match == .exact else { return differences }
        compare("answer", old.answer, new.answer)
        compare("confidence", confidence(old.confidence), confidence(new.confidence))
        return differences
    }

    /// A confidence (0 to 1) to three decimals, as recordings keep it.
    static func confidence(_ value: Double) -> String {
        let thousandths = Int((value * 1000).rounded())
        let fraction = String(thousandths % 1000)
        return "\(thousandths / 1000)." + String(repeating: "0", count: max(0, 3 - fraction.count)) + fraction
    }

    static func describe(_ state: DialogueState) -> String {
        state.phase.rawValue + (state.topic.map { " (\($0))" } ?? "")
    }
}
