/// Where `/save` puts a conversation, injected into the session so that the session itself does no
/// file I/O.
public protocol TranscriptStore {
    /// Saves the turns as a new transcript named after `name`; returns where, for the person.
    func save(_ turns: [TranscriptTurn], header: TranscriptHeader, name: String) throws(KnotBotError) -> String
}
