/// Where a session's turns are recorded as they happen.
public protocol TranscriptSink: AnyObject {
    /// Records one turn; a failure is kept in `problem`, never thrown, so the conversation goes on.
    func record(_ turn: TranscriptTurn)
    /// The first problem met while recording, if any.
    var problem: String? { get }
}
