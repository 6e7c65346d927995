import Foundation
import Testing

@Suite("The chat in a terminal", .serialized)
struct InteractiveTests {
    @Test("typing, a follow-up, history, completion, Ctrl-C on a partial line and Ctrl-D")
    func chat() throws {
        try #require(TerminalDriver.tmux != nil, "tmux is needed (scripts/install-deps installs it)")
        let state = try Knotbot.temporaryFolder()
        let terminal = TerminalDriver()
        defer { terminal.stop() }
        try terminal.start("env XDG_STATE_HOME=\(state.path) TERM=xterm LANG=C.UTF-8 \(Knotbot.binary.path)")
        try terminal.waitFor("you>")

        try terminal.type("what causes muscle knots", "Enter")
        try terminal.waitFor("Sources:")
        try terminal.waitFor("you>", count: 2)

        try terminal.type("why?", "Enter")
        try terminal.waitFor("you>", count: 3)
        #expect(try terminal.screen().contains("you> why?"))

        try terminal.type("Up")
        var screen = try terminal.waitFor("you> why?", count: 2)
        #expect(screen.trimmingCharacters(in: .whitespacesAndNewlines).hasSuffix("you> why?"))
        try terminal.type("C-u", "/to", "Tab")
        try terminal.waitFor("you> /topics")
        try terminal.type("Enter")
        try terminal.waitFor("I can answer questions on:")

        try terminal.type("what is a kno")
        try terminal.waitFor("you> what is a kno")
        try terminal.type("C-c")
        try terminal.waitFor("you>", count: 5)
        try terminal.type("café")
        try terminal.waitFor("you> café")
        try terminal.type("BSpace")
        try terminal.waitFor("you> caf\n")
        try terminal.type("BSpace", "BSpace", "BSpace", "hello", "Enter")
        screen = try terminal.waitFor("you> hello")
        try terminal.waitFor("you>", count: 6)

        try terminal.type("C-d")
        screen = try terminal.waitForExit()
        #expect(
            screen.contains("Bye") || screen.contains("bye") || screen.contains("Goodbye") || screen.contains("care"))
        #expect(screen.contains("you> what is a kno^C\nyou> hello"), "the cancelled line, marked, was never answered")

        let history = state.appendingPathComponent("knotbot/history")
        let attributes = try FileManager.default.attributesOfItem(atPath: history.path)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        let folder = try FileManager.default.attributesOfItem(atPath: state.appendingPathComponent("knotbot").path)
        #expect((folder[.posixPermissions] as? NSNumber)?.intValue == 0o700)
        let saved = try String(contentsOf: history, encoding: .utf8)
        #expect(saved.contains("what\\040causes\\040muscle\\040knots"))
        #expect(saved.contains("hello"))
        #expect(!saved.contains("kno\n"))
    }

    @Test("Ctrl-C on an empty line ends the chat with a goodbye; history persists into the next chat")
    func interruptOnEmptyLine() throws {
        try #require(TerminalDriver.tmux != nil)
        let state = try Knotbot.temporaryFolder()
        let first = TerminalDriver()
        defer { first.stop() }
        try first.start("env XDG_STATE_HOME=\(state.path) TERM=xterm \(Knotbot.binary.path)")
        try first.waitFor("you>")
        try first.type("who wrote it", "Enter")
        try first.waitFor("Daniel")
        try first.waitFor("you>", count: 2)
        try first.type("C-c")
        try first.waitForExit()

        let second = TerminalDriver()
        defer { second.stop() }
        try second.start("env XDG_STATE_HOME=\(state.path) TERM=xterm \(Knotbot.binary.path)")
        try second.waitFor("you>")
        try second.type("Up")
        try second.waitFor("you> who wrote it")
    }

    @Test("TERM=dumb: no line editing and no escape codes")
    func dumbTerminal() throws {
        try #require(TerminalDriver.tmux != nil)
        let state = try Knotbot.temporaryFolder()
        let output = state.appendingPathComponent("screen.txt")
        let terminal = TerminalDriver()
        defer { terminal.stop() }
        try terminal.start(
            "env XDG_STATE_HOME=\(state.path) TERM=dumb \(Knotbot.binary.path) | tee \(output.path)")
        try terminal.waitFor("you>")
        try terminal.type("what causes knots", "Enter")
        try terminal.waitFor("Sources:")
        try terminal.type("C-d")
        try terminal.waitForExit()
        let bytes = try Data(contentsOf: output)
        #expect(!bytes.contains(0x1B), "no escape codes")
    }
}

@Suite("Saving a chat as a regression test", .serialized)
struct SaveTests {
    @Test("/save in the chat writes a transcript that replays; chats are recorded by default, privately")
    func saveFromChat() throws {
        try #require(TerminalDriver.tmux != nil)
        let state = try Knotbot.temporaryFolder()
        let saved = try Knotbot.temporaryFolder()
        let terminal = TerminalDriver()
        defer { terminal.stop() }
        try terminal.start(
            "env XDG_STATE_HOME=\(state.path) TERM=xterm \(Knotbot.binary.path) --transcripts-dir \(saved.path)")
        try terminal.waitFor("you>")
        try terminal.type("what causes knots", "Enter")
        try terminal.waitFor("you>", count: 2)
        try terminal.type("tell me more", "Enter")
        try terminal.waitFor("you>", count: 3)
        try terminal.type("/save my first chat", "Enter")
        let screen = try terminal.waitFor("Saved this conversation (2 turns)")
        #expect(screen.contains("my-first-chat.jsonl"))
        try terminal.type("/quit", "Enter")
        try terminal.waitForExit()

        let file = saved.appendingPathComponent("my-first-chat.jsonl")
        let replay = try Knotbot.run(["replay", file.path])
        #expect(replay.status == 0, "\(replay.stdout)")
        #expect(replay.stdout.contains("PASS \(file.path) (2 turns)"))

        let recorded = state.appendingPathComponent("knotbot/transcripts")
        let files = try FileManager.default.contentsOfDirectory(atPath: recorded.path)
        #expect(files.count == 1 && files[0].hasSuffix(".jsonl"))
        let mode = try FileManager.default.attributesOfItem(atPath: recorded.appendingPathComponent(files[0]).path)
        #expect((mode[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        let folderMode = try FileManager.default.attributesOfItem(atPath: recorded.path)
        #expect((folderMode[.posixPermissions] as? NSNumber)?.intValue == 0o700)
        let session = try Knotbot.run(["replay", recorded.appendingPathComponent(files[0]).path])
        #expect(session.status == 0, "the default recording (3 turns with /quit) replays too: \(session.stdout)")
    }

    @Test("--no-transcript records nothing; an unwritable folder is reported once and the chat goes on")
    func noRecording() throws {
        try #require(TerminalDriver.tmux != nil)
        let state = try Knotbot.temporaryFolder()
        let terminal = TerminalDriver()
        defer { terminal.stop() }
        try terminal.start("env XDG_STATE_HOME=\(state.path) TERM=xterm \(Knotbot.binary.path) --no-transcript")
        try terminal.waitFor("you>")
        try terminal.type("hi", "Enter")
        try terminal.waitFor("you>", count: 2)
        try terminal.type("C-d")
        try terminal.waitForExit()
        #expect(!FileManager.default.fileExists(atPath: state.appendingPathComponent("knotbot/transcripts").path))

        let blocked = try Knotbot.temporaryFolder()
        try "not a folder".write(
            to: blocked.appendingPathComponent("knotbot"), atomically: true, encoding: .utf8)
        let second = TerminalDriver()
        defer { second.stop() }
        try second.start("env XDG_STATE_HOME=\(blocked.path) TERM=xterm \(Knotbot.binary.path)")
        try second.waitFor("not recording this chat")
        try second.waitFor("you>")
        try second.type("who wrote it", "Enter")
        try second.waitFor("Daniel")
        try second.type("C-d")
        let screen = try second.waitForExit()
        #expect(screen.components(separatedBy: "not recording").count == 2, "said once")
    }
}
