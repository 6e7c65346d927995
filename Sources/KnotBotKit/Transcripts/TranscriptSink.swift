/// Where a session's turns are recorded as they happen.
public protocol TranscriptSink: AnyObject {
    /// Records one turn; a failure is kept in `problem`, never thrown, so the conversation goes on.
    func record(_ turn: TranscriptTurn)
    /// The first problem met while recording, if any.
    var problem: String? { get }
    /// The turns recorded so far, read back from where they went (for `/save`), so a session that
    /// records need not also keep them in memory.
    func recordedTurns() throws(KnotBotError) -> [TranscriptTurn]
    /// Where the turns go, as the person should read it (a file's path).
    var location: String { get }
    /// Deletes what was recorded and records nothing more (`/forget`).
    func forget() throws(KnotBotError)
}
