import Foundation
import Testing

/// Drives the chat in a real pseudo-terminal through tmux, typing as a person would.
struct TerminalDriver {
    let socket = "knotbot-test-\(UUID().uuidString.prefix(8))"
    let session = "chat"

    static var tmux: String? {
        ["/usr/bin/tmux", "/usr/local/bin/tmux", "/bin/tmux"].first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// Runs a tmux command and returns what it printed.
    ///
    /// Through `Knotbot.run`, which reaps the client with waitpid: Foundation's Process never reaps
    /// the tmux client that starts the server, and waits forever. It runs in the test's own folder
    /// and environment, which the server and the chat under it inherit.
    @discardableResult
    func tmux(_ arguments: [String]) throws -> String {
        let result = try Knotbot.run(
            ["-L", socket] + arguments, executable: URL(fileURLWithPath: Self.tmux ?? "/usr/bin/tmux"),
            directory: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
        return result.stdout
    }

    func start(_ command: String) throws {
        // One tmux command line, so the pane is kept before a program that ends at once (a one-shot
        // question) can end: set apart, the server sometimes exited first.
        try tmux([
            "new-session", "-d", "-s", session, "-x", "100", "-y", "50", command, ";",
            "set-option", "-t", session, "remain-on-exit", "on",
        ])
    }

    func type(_ keys: String...) throws {
        try tmux(["send-keys", "-t", session] + keys)
    }

    func screen() throws -> String {
        // capture-pane drops trailing spaces, so an empty prompt reads "you>".
        try tmux(["capture-pane", "-t", session, "-p", "-S", "-200"])
    }

    /// Waits until the screen shows `text` (at least `count` times), or fails after a few seconds.
    @discardableResult
    func waitFor(_ text: String, count: Int = 1, sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        var last = ""
        for _ in 0..<100 {
            last = try screen()
            if last.components(separatedBy: text).count - 1 >= count { return last }
            Thread.sleep(forTimeInterval: 0.05)
        }
        Issue.record(
            "the screen never showed \(text.debugDescription) (\(count)x):\n\(last)", sourceLocation: sourceLocation)
        return last
    }

    /// Waits until the program in the pane has exited, then returns the final screen.
    @discardableResult
    func waitForExit(sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        for _ in 0..<100 {
            if try tmux(["list-panes", "-t", session, "-F", "#{pane_dead}"]).hasPrefix("1") {
                return try settledScreen()
            }
            Thread.sleep(forTimeInterval: 0.05)
        }
        Issue.record("the program did not exit:\n\(try screen())", sourceLocation: sourceLocation)
        return try screen()
    }

    /// The screen once it stops changing.
    ///
    /// tmux can mark a pane dead before it has drawn the last output the program wrote: "Goodbye"
    /// was missing after a clean exit twice in CI. One unchanged read 50 ms apart was not enough;
    /// four in a row (200 ms) within 3 s was, until a full `swift test` on 2 cores starved tmux for
    /// longer and the goodbye after Ctrl-D went missing again: eight in a row (400 ms) within 6 s.
    private func settledScreen() throws -> String {
        var last = try screen()
        var unchanged = 0
        for _ in 0..<120 where unchanged < 8 {
            Thread.sleep(forTimeInterval: 0.05)
            let now = try screen()
            unchanged = now == last ? unchanged + 1 : 0
            last = now
        }
        return last
    }

    /// Starts `command` under a shell that prints `EXIT=<status>` when it ends.
    ///
    /// The shell traps SIGINT with a command, which a child does not inherit (an ignored signal it
    /// would): the chat gets Ctrl-C as it would anywhere, and the shell outlives it to report it.
    /// tmux's own `pane_dead_status` came back empty about one time in three.
    func startReportingExit(_ command: String) throws {
        try start("sh -c 'trap true INT; \(command); echo EXIT=$?'")
    }

    /// How the program started with `startReportingExit` ended: "EXIT=0", "EXIT=130", ...
    func ending(sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        let screen = try waitFor("EXIT=", sourceLocation: sourceLocation)
        return screen.components(separatedBy: "\n").last { $0.hasPrefix("EXIT=") } ?? ""
    }

    /// The screen with its colours, as escape sequences (`capture-pane -e`).
    func screenWithEscapes() throws -> String {
        try tmux(["capture-pane", "-t", session, "-p", "-e", "-S", "-200"])
    }

    /// Pastes `text` as a terminal pastes it, bracketed when the program asked for that.
    func paste(_ text: String) throws {
        try tmux(["set-buffer", "-b", "paste", text])
        try tmux(["paste-buffer", "-p", "-d", "-b", "paste", "-t", session])
    }

    func stop() {
        _ = try? tmux(["kill-server"])
    }
}
