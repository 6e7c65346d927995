import Foundation
import Testing

/// The chat in a real terminal (tmux) as a person meets it: the first screen, Ctrl-C and Ctrl-D,
/// colour, `~/.editrc`, pasting and continued lines.
@Suite("Terminal polish", .serialized)
struct TerminalPolishTests {
    /// Starts the chat in `terminal` with a fresh home and state folder and `TERM` as given.
    static func startChat(_ terminal: TerminalDriver, term: String = "xterm", extra: String = "") throws -> URL {
        let state = try Knotbot.temporaryFolder()
        try terminal.startReportingExit(
            "env HOME=\(state.path) XDG_STATE_HOME=\(state.path) TERM=\(term) LANG=C.UTF-8 \(extra) "
                + Knotbot.binary.path)
        try terminal.waitFor("you>")
        return state
    }

    @Test("the first screen says the chat is recorded, where, and how to stop it")
    func bannerSaysRecording() throws {
        try #require(TerminalDriver.tmux != nil)
        let terminal = TerminalDriver()
        defer { terminal.stop() }
        _ = try Self.startChat(terminal)
        let screen = try terminal.screen()
        #expect(screen.contains("Recording this chat to ~/knotbot/transcripts/"), "\(screen)")
        #expect(screen.contains("/forget") && screen.contains("--no-transcript"))
        try terminal.type("/forget", "Enter")
        try terminal.waitFor("Deleted this chat's transcript")
        try terminal.type("C-d")
        #expect(try terminal.ending() == "EXIT=0")
    }

    @Test("TERM=dumb: Ctrl-C ends the chat with its goodbye on a line of its own, status 0")
    func dumbInterrupt() throws {
        try #require(TerminalDriver.tmux != nil)
        let terminal = TerminalDriver()
        defer { terminal.stop() }
        _ = try Self.startChat(terminal, term: "dumb")
        try terminal.type("hello", "Enter")
        try terminal.waitFor("you>", count: 2)
        try terminal.type("C-c")
        #expect(try terminal.ending() == "EXIT=0")
        let screen = try terminal.screen()
        #expect(screen.contains("you> ^C\nGoodbye"), "\(screen)")
    }

    @Test("Ctrl-D ends the chat without echoing ^D; a cancelled line is marked ^C")
    func controlKeys() throws {
        try #require(TerminalDriver.tmux != nil)
        let terminal = TerminalDriver()
        defer { terminal.stop() }
        _ = try Self.startChat(terminal)
        try terminal.type("what is a kno")
        try terminal.waitFor("you> what is a kno")
        try terminal.type("C-c")
        let cancelled = try terminal.waitFor("you>", count: 2)
        #expect(cancelled.contains("you> what is a kno^C\n"), "\(cancelled)")
        try terminal.type("C-d")
        #expect(try terminal.ending() == "EXIT=0")
        let screen = try terminal.screen()
        #expect(!screen.contains("^D"), "\(screen)")
        #expect(screen.contains("Goodbye"))
    }

    @Test("a one-shot question on a terminal colours URGENT; piped, it has no escape codes")
    func oneShotColour() throws {
        try #require(TerminalDriver.tmux != nil)
        let state = try Knotbot.temporaryFolder()
        let terminal = TerminalDriver()
        defer { terminal.stop() }
        let question = "I suddenly cannot feel my legs and I wet myself"
        try terminal.startReportingExit(
            "env -u NO_COLOR XDG_STATE_HOME=\(state.path) TERM=xterm \(Knotbot.binary.path) \"\(question)\"")
        #expect(try terminal.ending() == "EXIT=0")
        // tmux writes the bold and the red as it likes ("1;31m", or "1m" then "31m"): red before it.
        let coloured = try terminal.screenWithEscapes()
        #expect(coloured.contains("31mURGENT:"), "\(coloured.debugDescription)")
        let piped = try Knotbot.run([question], environment: ["TERM": "xterm"])
        #expect(piped.stdout.hasPrefix("URGENT:"))
    }

    @Test("~/.editrc and $EDITRC are read: a key bound there works in the chat")
    func editrc() throws {
        try #require(TerminalDriver.tmux != nil)
        for useVariable in [false, true] {
            let folder = try Knotbot.temporaryFolder()
            let file = folder.appendingPathComponent(useVariable ? "my-editrc" : ".editrc")
            try "knotbot:bind -s ^T author\n".write(to: file, atomically: true, encoding: .utf8)
            let terminal = TerminalDriver()
            defer { terminal.stop() }
            let home = useVariable ? "EDITRC=\(file.path)" : "HOME=\(folder.path)"
            try terminal.startReportingExit(
                "env XDG_STATE_HOME=\(folder.path) \(home) TERM=xterm \(Knotbot.binary.path)")
            try terminal.waitFor("you>")
            try terminal.type("C-t")
            try terminal.waitFor("you> author")
            try terminal.type("Enter")
            try terminal.waitFor("Daniel")
            try terminal.type("C-d")
            #expect(try terminal.ending() == "EXIT=0")
        }
    }

    @Test("a paste of several lines is one turn; a line ending in \\ continues on the next")
    func pasteAndContinue() throws {
        try #require(TerminalDriver.tmux != nil)
        let terminal = TerminalDriver()
        defer { terminal.stop() }
        _ = try Self.startChat(terminal)
        try terminal.paste("I sit at a desk all day.\nWhat causes muscle knots?")
        try terminal.waitFor("you> I sit at a desk all day. What causes muscle knots?")
        try terminal.type("Enter")
        var screen = try terminal.waitFor("you>", count: 2)
        #expect(!screen.contains("Sorry"), "one turn, understood: \(screen)")

        try terminal.type("who wrote \\", "Enter")
        // The continuation prompt, "   > " (tmux drops the space at the end of a line).
        try terminal.waitFor("\n   >")
        try terminal.type("the article", "Enter")
        screen = try terminal.waitFor("you>", count: 3)
        #expect(screen.contains("Daniel"), "\(screen)")
        #expect(screen.components(separatedBy: "Sorry").count == 1)
        try terminal.type("C-d")
        #expect(try terminal.ending() == "EXIT=0")
    }
}
