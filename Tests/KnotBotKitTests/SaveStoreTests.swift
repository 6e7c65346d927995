import KnotBotKit
import Testing

/// `/save` goes through an injected store, so a session does no file I/O of its own.
@Suite("Saving through an injected store")
struct SaveStoreTests {
    /// Keeps what it is given, in memory.
    final class MemoryStore: TranscriptStore {
        var saved: [(name: String, turns: Int)] = []

        func save(_ turns: [TranscriptTurn], header: TranscriptHeader, name: String) throws(KnotBotError) -> String {
            saved.append((name, turns.count))
            return "memory:\(name)"
        }
    }

    @Test("/save hands the turns so far and the name to the store, and names where they went")
    func savesThroughStore() {
        let store = MemoryStore()
        var session = ChatSession(assistant: Fixtures.assistant, started: "2026-01-01T00:00:00Z")
        session.keepsTurns = true
        session.saveStore = store
        _ = session.turn("who wrote it")
        _ = session.turn("what is a knot")
        let reply = session.turn("/save my chat")
        #expect(store.saved.count == 1)
        #expect(store.saved.first?.name == "my chat")
        #expect(store.saved.first?.turns == 2)
        #expect(reply?.answer.contains("memory:my chat") == true)
    }

    @Test("without a store, /save says saving is not available here")
    func noStore() {
        var session = ChatSession(assistant: Fixtures.assistant)
        session.keepsTurns = true
        _ = session.turn("who wrote it")
        #expect(session.turn("/save")?.answer.hasPrefix("Saving is not available here") == true)
    }
}
