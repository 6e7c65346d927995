/// The first line of a transcript: what recorded it and against which intents and knowledge.
public struct TranscriptHeader: Sendable, Hashable, Codable {
    /// The transcript format this file is written in.
    public var format: Int
    /// The KnotBot version that recorded it.
    public var knotbot: String
    /// The fingerprint of the intents and knowledge it was recorded with.
    public var model: String
    /// When the session started (ISO 8601, UTC).
    public var started: String
    /// Always "header", so a reader can tell the line apart from a turn.
    public var type: String

    public init(format: Int = TranscriptFormat.current, knotbot: String, model: String, started: String) {
        self.format = format
        self.knotbot = knotbot
        self.model = model
        self.started = started
        self.type = "header"
    }
}
