import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Recording under stress: a full disk, odd targets for `--transcript` and `/save`.
///
/// A full disk is `ulimit -f 0` with SIGXFSZ ignored (an ignored signal stays ignored across exec),
/// so every write to a file fails with EFBIG as it would with ENOSPC, while the terminal and pipes
/// still work.
@Suite("Recording reliability", .serialized)
struct RecordingReliabilityTests {
    /// Runs the arguments on a full disk; stderr goes through a pipe (a file would be full too).
    static let fullDisk = "(trap '' XFSZ; ulimit -f 0; exec \"$@\") 2>&1 | cat >&2; exit ${PIPESTATUS[0]}"

    @Test("--transcript on a full disk exits 74 and leaves no file behind, so the retry works")
    func fullDiskTranscript() throws {
        let folder = try Knotbot.temporaryFolder()
        let file = folder.appendingPathComponent("session.jsonl")
        let full = try Knotbot.run(
            ["-c", Self.fullDisk, "bash", Knotbot.binary.path, "--transcript", file.path, "who wrote it"],
            executable: URL(fileURLWithPath: "/bin/bash"))
        #expect(full.status == 74)
        #expect(full.stderr == "knotbot: \(file.path): cannot be written (file too large)\n")
        #expect(!FileManager.default.fileExists(atPath: file.path), "no empty transcript is left")
        let retry = try Knotbot.run(["--transcript", file.path, "who wrote it"])
        #expect(retry.status == 0, "\(retry.stderr)")
        let replay = try Knotbot.run(["replay", file.path])
        #expect(replay.status == 0 && replay.stdout.contains("PASS \(file.path) (1 turns)"), "\(replay.stdout)")
    }

    @Test("a chat on a full disk leaves no empty transcripts, and a failed /save leaves no file to block a retry")
    func fullDiskChat() throws {
        try #require(TerminalDriver.tmux != nil, "tmux is needed (scripts/install-deps installs it)")
        let state = try Knotbot.temporaryFolder()
        let saved = try Knotbot.temporaryFolder()
        let terminal = TerminalDriver()
        defer { terminal.stop() }
        try terminal.start(
            "sh -c 'trap \"\" XFSZ; ulimit -f 0; exec env XDG_STATE_HOME=\(state.path) TERM=xterm "
                + "\(Knotbot.binary.path) --transcripts-dir \(saved.path)'")
        try terminal.waitFor("you>")
        try terminal.type("who wrote it", "Enter")
        try terminal.waitFor("you>", count: 2)
        try terminal.type("/save full disk", "Enter")
        let screen = try terminal.waitFor("Could not save")
        #expect(screen.contains("cannot be written (file too large)"))
        try terminal.waitFor("you>", count: 3)
        try terminal.type("/quit", "Enter")
        try terminal.waitForExit()
        #expect(screen.contains("not recording this chat"), "the failed recording is reported: \(screen)")
        let transcripts = state.appendingPathComponent("knotbot/transcripts")
        let recorded = (try? FileManager.default.contentsOfDirectory(atPath: transcripts.path)) ?? []
        #expect(recorded.isEmpty, "no empty transcript per attempt: \(recorded.count) files")
        let savedFiles = try FileManager.default.contentsOfDirectory(atPath: saved.path)
        #expect(savedFiles.isEmpty, "no empty /save file: \(savedFiles)")
    }
}
