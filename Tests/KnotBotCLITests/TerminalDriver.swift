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
        try tmux(["new-session", "-d", "-s", session, "-x", "100", "-y", "50", command])
        try tmux(["set-option", "-t", session, "remain-on-exit", "on"])
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
    /// four in a row (200 ms) within 3 s is.
    private func settledScreen() throws -> String {
        var last = try screen()
        var unchanged = 0
        for _ in 0..<60 where unchanged < 4 {
            Thread.sleep(forTimeInterval: 0.05)
            let now = try screen()
            unchanged = now == last ? unchanged + 1 : 0
            last = now
        }
        return last
    }

    func stop() {
        _ = try? tmux(["kill-server"])
    }
}
