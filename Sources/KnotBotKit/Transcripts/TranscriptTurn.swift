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

    public init(turn: Int, utterance: String, reply: Reply, state: DialogueState) {
        self.turn = turn
        self.utterance = utterance
        self.reply = reply
        self.state = state
        self.type = "turn"
    }
}
