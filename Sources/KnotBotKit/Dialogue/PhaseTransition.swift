/// A move of the dialogue from one phase to another in one turn, and the moves that are legal.
public struct PhaseTransition: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var from: DialogueState.Phase
    public var to: DialogueState.Phase

    public init(from: DialogueState.Phase, to: DialogueState.Phase) {
        self.from = from
        self.to = to
    }

    public var description: String { "\(from.rawValue) -> \(to.rawValue)" }

    public static func < (lhs: PhaseTransition, rhs: PhaseTransition) -> Bool {
        lhs.description < rhs.description
    }

    /// Every move a turn can make, through `DialogueEngine.step` or a command in `ChatSession`.
    ///
    /// Read off the engine, one line each with what makes the move: 20 of the 25 pairs, since nothing
    /// leaves `ended` (a session takes no turn after goodbye). A change to the engine that adds or
    /// removes a move changes this list, and replay coverage checks the transcripts against it.
    public static let legal: [PhaseTransition] = [
        // A miss, small talk, "more" with no topic, or a command that leaves the state alone.
        .init(from: .idle, to: .idle),
        // A topic answered.
        .init(from: .idle, to: .inTopic),
        // Two topics too close to call.
        .init(from: .idle, to: .awaitingClarification),
        // A red flag, or asking to self-treat one remembered across /reset.
        .init(from: .idle, to: .afterRedFlag),
        // Goodbye or /quit.
        .init(from: .idle, to: .ended),
        // /reset.
        .init(from: .inTopic, to: .idle),
        // A follow-up, "more", another topic; a miss or small talk keeps the topic.
        .init(from: .inTopic, to: .inTopic),
        .init(from: .inTopic, to: .awaitingClarification),
        .init(from: .inTopic, to: .afterRedFlag),
        .init(from: .inTopic, to: .ended),
        // The question dropped with no topic open (a miss, small talk, "neither"), or /reset.
        .init(from: .awaitingClarification, to: .idle),
        // A choice made, or the question dropped with a topic open.
        .init(from: .awaitingClarification, to: .inTopic),
        // A command such as /why leaves the question open; a new close call asks again.
        .init(from: .awaitingClarification, to: .awaitingClarification),
        .init(from: .awaitingClarification, to: .afterRedFlag),
        .init(from: .awaitingClarification, to: .ended),
        // /reset (the warning sign itself is remembered).
        .init(from: .afterRedFlag, to: .idle),
        .init(from: .afterRedFlag, to: .inTopic),
        .init(from: .afterRedFlag, to: .awaitingClarification),
        // A miss, small talk, or a refusal to advise self-treatment of the warning sign.
        .init(from: .afterRedFlag, to: .afterRedFlag),
        .init(from: .afterRedFlag, to: .ended),
    ]

    /// Whether a turn can make this move.
    public var isLegal: Bool { Self.legal.contains(self) }
}
