/// Replays recorded conversations through a fresh session and compares every reply.
///
/// A replay goes through exactly the code path of a live session (`ChatSession.turn`), commands
/// included, so a passing replay means the live bot would say the same.
public struct Replayer: Sendable {
    public let assistant: Assistant
    public var match: ReplayMatch

    public init(assistant: Assistant, match: ReplayMatch = .behaviour) {
        self.assistant = assistant
        self.match = match
    }

    public func replay(_ transcript: Transcript) -> ReplayResult {
        var session = ChatSession(assistant: assistant)
        var replayed: [TranscriptTurn] = []
        var mismatches: [ReplayResult.Mismatch] = []
        for recorded in transcript.turns {
            guard !session.hasEnded else {
                mismatches.append(
                    .init(
                        turn: recorded.turn, utterance: recorded.utterance,
                        differences: [.init(field: "session", expected: "still open", actual: "already ended")]))
                continue
            }
            guard let reply = session.turn(recorded.utterance) else {
                mismatches.append(
                    .init(
                        turn: recorded.turn, utterance: recorded.utterance,
                        differences: [.init(field: "reply", expected: "a reply", actual: "none (blank line)")]))
                continue
            }
            let turn = TranscriptTurn(
                turn: recorded.turn, utterance: recorded.utterance, reply: reply, state: session.state,
                expect: recorded.expect)
            replayed.append(turn)
            let fixedWords = reply.intent.flatMap { assistant.model.intent($0) }.map { $0.reply != nil } ?? false
            let differences = TurnDifference.between(
                recorded: recorded, replayed: turn, match: match, fixedWords: fixedWords)
            if !differences.isEmpty {
                mismatches.append(.init(turn: recorded.turn, utterance: recorded.utterance, differences: differences))
            }
        }
        return ReplayResult(path: transcript.path, transcript: transcript, replayed: replayed, mismatches: mismatches)
    }

    /// The transcript re-recorded with this replay's replies (for `--update`).
    public func updated(_ result: ReplayResult) -> Transcript {
        var transcript = result.transcript
        transcript.turns = result.replayed
        transcript.header.model = assistant.model.fingerprint
        transcript.header.knotbot = KnotBotVersion.current
        transcript.header.format = TranscriptFormat.current
        return transcript
    }
}
