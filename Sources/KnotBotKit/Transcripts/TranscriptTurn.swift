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
    /// The dialogue-state keys the recording holds; nil for a turn made in this process.
    ///
    /// A key added to the state after a transcript was recorded reads as its default, which is no
    /// standard for the replay: replay compares only the keys a recording holds. Not written, and
    /// not part of equality.
    public var recordedStateKeys: Set<String>?

    public init(turn: Int, utterance: String, reply: Reply, state: DialogueState, expect: String? = nil) {
        self.turn = turn
        self.utterance = utterance
        self.reply = reply
        self.state = state
        self.type = "turn"
        self.expect = expect
    }

    enum CodingKeys: String, CodingKey {
        case turn, utterance, reply, state, type, expect
    }

    /// Any key of a JSON object, to list the state keys a recording holds.
    private struct AnyKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        turn = try container.decode(Int.self, forKey: .turn)
        utterance = try container.decode(String.self, forKey: .utterance)
        reply = try container.decode(Reply.self, forKey: .reply)
        state = try container.decode(DialogueState.self, forKey: .state)
        type = try container.decode(String.self, forKey: .type)
        expect = try container.decodeIfPresent(String.self, forKey: .expect)
        let keys = try container.nestedContainer(keyedBy: AnyKey.self, forKey: .state).allKeys
        recordedStateKeys = Set(keys.map(\.stringValue))
    }

    public static func == (left: TranscriptTurn, right: TranscriptTurn) -> Bool {
        left.turn == right.turn && left.utterance == right.utterance && left.reply == right.reply
            && left.state == right.state && left.type == right.type && left.expect == right.expect
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(turn)
        hasher.combine(utterance)
        hasher.combine(reply)
        hasher.combine(state)
        hasher.combine(expect)
    }
}
