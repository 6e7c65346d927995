/// A recorded conversation, as read from a file.
public struct Transcript: Sendable, Hashable {
    public var path: String
    public var header: TranscriptHeader
    public var turns: [TranscriptTurn]
    /// Non-fatal findings while reading (a half-written last line, an upgraded format).
    public var warnings: [Diagnostic]

    public init(path: String, header: TranscriptHeader, turns: [TranscriptTurn], warnings: [Diagnostic] = []) {
        self.path = path
        self.header = header
        self.turns = turns
        self.warnings = warnings
    }

    /// The whole file's text, in the current format.
    public var text: String {
        var header = header
        header.format = TranscriptFormat.current
        return TranscriptFormat.line(header) + turns.map { TranscriptFormat.line($0) }.joined()
    }
}
