/// The outcome of replaying one transcript.
public struct ReplayResult: Sendable, Hashable {
    /// A turn whose replay differs from the recording.
    public struct Mismatch: Sendable, Hashable {
        public var turn: Int
        public var utterance: String
        public var differences: [TurnDifference]
    }

    public var path: String
    public var transcript: Transcript
    /// The turns as they came out this time.
    public var replayed: [TranscriptTurn]
    public var mismatches: [Mismatch]

    public var passed: Bool { mismatches.isEmpty }
}
