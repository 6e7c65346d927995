/// One turn of a recorded conversation: what the person said, the reply, and the state after it.
public struct TranscriptTurn: Sendable, Hashable, Codable {
    /// 1-based position in the conversation.
    public var turn: Int
    public var utterance: String
    public var reply: Reply
    /// The dialogue state after the turn.
    public var state: DialogueState
    /// Always "turn".
    public var type: String
    /// The intent a maintainer said this turn should have had (`/expect` in the chat), or "none"
    /// for not understood; nil when the recorded reply is taken as right.
    ///
    /// Replay checks it before anything else, so a conversation saved with a wrong answer fails
    /// until the bot answers it rightly. Absent from the file when nil, so older files read as before.
    public var expect: String?

    public init(turn: Int, utterance: String, reply: Reply, state: DialogueState, expect: String? = nil) {
        self.turn = turn
        self.utterance = utterance
        self.reply = reply
        self.state = state
        self.type = "turn"
        self.expect = expect
    }
}
