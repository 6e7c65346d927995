import Foundation
import Testing

/// Chats that end badly or overlap: signals, kill -9, and two chats sharing one history.
@Suite("Ending a chat by signal, and chats side by side", .serialized)
struct SessionEndTests {
    /// The lines of the history file, decoded from libedit's format (spaces are written `\040`).
    static func historyLines(_ state: URL) throws -> [String] {
        let text = try String(contentsOf: state.appendingPathComponent("knotbot/history"), encoding: .utf8)
        return text.split(separator: "\n").dropFirst().map { $0.replacingOccurrences(of: "\\040", with: " ") }
    }

    /// The only transcript the chat recorded under `state`, as lines.
    static func recordedTurns(_ state: URL) throws -> [String] {
        let folder = state.appendingPathComponent("knotbot/transcripts")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        try #require(files.count == 1, "one transcript, found \(files)")
        let text = try String(contentsOf: folder.appendingPathComponent(files[0]), encoding: .utf8)
        return text.split(separator: "\n").map(String.init)
    }

    /// The process id of the program in the pane (started through `env`, which execs it).
    static func pid(_ terminal: TerminalDriver) throws -> pid_t {
        let text = try terminal.tmux(["display-message", "-p", "-t", terminal.session, "#{pane_pid}"])
        return try #require(pid_t(text.trimmingCharacters(in: .whitespacesAndNewlines)))
    }

    @Test(
        "SIGTERM and SIGHUP end the chat like Ctrl-D: history and transcript complete, exit 128 + signal",
        arguments: [(SIGTERM, "143"), (SIGHUP, "129")])
    func terminationSignal(signal: Int32, status: String) throws {
        try #require(TerminalDriver.tmux != nil, "tmux is needed (scripts/install-deps installs it)")
        let state = try Knotbot.temporaryFolder()
        let terminal = TerminalDriver()
        defer { terminal.stop() }
        try terminal.start("env XDG_STATE_HOME=\(state.path) TERM=xterm \(Knotbot.binary.path)")
        try terminal.waitFor("you>")
        try terminal.type("who wrote it", "Enter")
        try terminal.waitFor("you>", count: 2)
        try terminal.type("half a line")
        kill(try Self.pid(terminal), signal)
        let screen = try terminal.waitForExit()
        // The goodbye shows the handler ended the chat (the default action prints nothing).
        #expect(screen.contains("Goodbye"))
        // tmux fills in the status once it has reaped the process, which it sometimes leaves a
        // zombie for a while; when it does report one, it must be 128 + the signal. (A plain
        // pseudo-terminal showed 143 and 129 every time.)
        var exit = ""
        for _ in 0..<20 where exit.isEmpty {
            exit = try terminal.tmux(["display-message", "-p", "-t", terminal.session, "#{pane_dead_status}"])
                .trimmingCharacters(in: .whitespacesAndNewlines)
            if exit.isEmpty { Thread.sleep(forTimeInterval: 0.05) }
        }
        #expect(exit.isEmpty || exit == status)

        #expect(try Self.historyLines(state) == ["who wrote it"])
        // Ending is not an utterance (nothing to replay), so the recording is the header and the turn.
        #expect(try Self.recordedTurns(state).count == 2)
        let replay = try Knotbot.run(["replay", state.appendingPathComponent("knotbot/transcripts").path])
        #expect(replay.status == 0, "\(replay.stdout)")
    }

    @Test("kill -9 mid-chat: every answered turn is in the transcript and every line in the history")
    func killed() throws {
        try #require(TerminalDriver.tmux != nil)
        let state = try Knotbot.temporaryFolder()
        let terminal = TerminalDriver()
        defer { terminal.stop() }
        try terminal.start("env XDG_STATE_HOME=\(state.path) TERM=xterm \(Knotbot.binary.path)")
        try terminal.waitFor("you>")
        try terminal.type("what causes knots", "Enter")
        try terminal.waitFor("you>", count: 2)
        try terminal.type("how do I release one", "Enter")
        try terminal.waitFor("you>", count: 3)
        kill(try Self.pid(terminal), SIGKILL)
        try terminal.waitForExit()

        #expect(try Self.historyLines(state) == ["what causes knots", "how do I release one"])
        #expect(try Self.recordedTurns(state).count == 3, "header and two turns")
        let replay = try Knotbot.run(["replay", state.appendingPathComponent("knotbot/transcripts").path])
        #expect(replay.status == 0, "\(replay.stdout)")
    }

    @Test("two chats at once keep separate transcripts and one history holding both chats' lines")
    func twoChatsAtOnce() throws {
        try #require(TerminalDriver.tmux != nil)
        let state = try Knotbot.temporaryFolder()
        let first = TerminalDriver()
        let second = TerminalDriver()
        defer {
            first.stop()
            second.stop()
        }
        for terminal in [first, second] {
            try terminal.start("env XDG_STATE_HOME=\(state.path) TERM=xterm \(Knotbot.binary.path)")
            try terminal.waitFor("you>")
        }
        // Interleaved, so each chat saves its history while the other holds lines it never loaded.
        try first.type("who wrote it", "Enter")
        try first.waitFor("you>", count: 2)
        try second.type("what causes knots", "Enter")
        try second.waitFor("you>", count: 2)
        try first.type("how do I prevent them", "Enter")
        try first.waitFor("you>", count: 3)
        try second.type("is it my spine", "Enter")
        try second.waitFor("you>", count: 3)
        for terminal in [first, second] {
            try terminal.type("C-d")
            try terminal.waitForExit()
        }

        let history = try Self.historyLines(state)
        #expect(Set(history) == ["who wrote it", "what causes knots", "how do I prevent them", "is it my spine"])
        #expect(history.count == 4)
        let file = state.appendingPathComponent("knotbot/history").path
        let mode = try FileManager.default.attributesOfItem(atPath: file)[.posixPermissions] as? NSNumber
        #expect(mode?.intValue == 0o600)
        let folder = state.appendingPathComponent("knotbot/transcripts")
        let transcripts = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        #expect(transcripts.count == 2, "one transcript per chat: \(transcripts)")
        let replay = try Knotbot.run(["replay", folder.path])
        #expect(replay.status == 0 && replay.stdout.contains("2 passed"), "\(replay.stdout)")
    }
}

@Suite("A transcript that cannot be written")
struct TranscriptWriteFailureTests {
    @Test(
        "a file-size limit (a full disk, as the process sees it) is reported once and the answers go on",
        .disabled(
            if: ProcessInfo.processInfo.environment["KNOTBOT_SANITIZER"] == "thread",
            "ThreadSanitizer's own runtime faults (SIGBUS) under a file-size limit"))
    func sizeLimit() throws {
        let folder = try Knotbot.temporaryFolder()
        let transcript = folder.appendingPathComponent("chat.jsonl")
        let questions = Array(repeating: "what causes knots", count: 40).joined(separator: "\n") + "\n"
        let input = folder.appendingPathComponent("in.txt")
        try Data(questions.utf8).write(to: input)
        // Only knotbot runs under the limit (8 blocks of 512 bytes); cat writes the answers out.
        let script =
            "(ulimit -f 8; exec '\(Knotbot.binary.path)' --json --transcript '\(transcript.path)' < '\(input.path)') | cat"
        let result = try Knotbot.run(["-c", script], executable: URL(fileURLWithPath: "/bin/sh"))
        #expect(result.status == 0)
        #expect(result.stdout.split(separator: "\n").count == 40, "every question answered")
        let reports = result.stderr.components(separatedBy: "no longer being recorded").count - 1
        #expect(reports == 1, "reported once: \(result.stderr)")
        let size = try FileManager.default.attributesOfItem(atPath: transcript.path)[.size] as? NSNumber
        #expect((size?.intValue ?? 0) <= 8 * 512)
        // What was written is whole turns: it replays, ending at the last complete one.
        let replay = try Knotbot.run(["replay", transcript.path])
        #expect(replay.status == 0, "\(replay.stdout)\(replay.stderr)")
    }
}
