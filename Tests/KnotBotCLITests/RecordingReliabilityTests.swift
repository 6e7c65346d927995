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

    @Test(
        "--transcript on a full disk exits 74 and leaves no file behind, so the retry works",
        .disabled(
            if: ProcessInfo.processInfo.environment["KNOTBOT_SANITIZER"] == "thread",
            "ThreadSanitizer's own runtime faults (SIGBUS) under a file-size limit"))
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

    @Test(
        "a chat on a full disk leaves no empty transcripts, and a failed /save leaves no file to block a retry",
        .disabled(
            if: ProcessInfo.processInfo.environment["KNOTBOT_SANITIZER"] == "thread",
            "ThreadSanitizer's own runtime faults (SIGBUS) under a file-size limit"))
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

    @Test("--transcript with an empty name or a name ending in / is a usage error (64), and nothing is created")
    func transcriptNames() throws {
        let folder = try Knotbot.temporaryFolder()
        let empty = try Knotbot.run(["--transcript", "", "who wrote it"], directory: folder)
        #expect(empty.status == 64)
        #expect(
            empty.stderr
                == "knotbot: --transcript: the file name is empty; name a new file, such as --transcript session.jsonl\n"
        )
        let slash = try Knotbot.run(["--transcript", "newdir/", "who wrote it"], directory: folder)
        #expect(slash.status == 64)
        #expect(
            slash.stderr
                == "knotbot: --transcript newdir/: names a folder (it ends in /); name a new file, such as newdir/session.jsonl\n"
        )
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty, "no file named newdir")
    }

    @Test("a FIFO, a device or a folder as --transcript is 'not a regular file' (74), not a permissions hint")
    func transcriptNotRegular() throws {
        let folder = try Knotbot.temporaryFolder()
        let fifo = folder.appendingPathComponent("fifo.jsonl")
        #expect(mkfifo(fifo.path, 0o600) == 0)
        let cases = [
            (fifo.path, "is a FIFO (named pipe)"), ("/dev/null", "is a device"), (folder.path, "is a folder"),
        ]
        for (target, kind) in cases {
            let run = try Knotbot.run(["--transcript", target, "who wrote it"])
            #expect(run.status == 74)
            #expect(run.stderr == "knotbot: \(target): \(kind), not a regular file; a transcript is a new file\n")
        }
    }

    @Test("a --transcript name that is not UTF-8 is refused (64), not created under a mangled name")
    func transcriptNotUTF8() throws {
        let folder = try Knotbot.temporaryFolder()
        let name = Array(folder.path.utf8) + Array("/bad".utf8) + [0xFF] + Array(".jsonl".utf8)
        let run = try Knotbot.run(bytes: [Array("--transcript".utf8), name, Array("who wrote it".utf8)])
        #expect(run.status == 64)
        #expect(run.stderr.contains("the file name is not valid UTF-8; KnotBot names files in UTF-8 only"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
    }

    @Test("/save shortens a long non-Latin name to 255 bytes with .jsonl, between characters, and saves")
    func longNonLatinSaveName() throws {
        let folder = try Knotbot.temporaryFolder()
        let saved = folder.appendingPathComponent("saved")
        // 80 Devanagari syllables of 4 scalars (12 bytes) each: 960 bytes, too long for a file name.
        let name = String(repeating: "क्षि", count: 80)
        let run = try Knotbot.run(
            ["--transcript", folder.appendingPathComponent("s.jsonl").path, "--transcripts-dir", saved.path],
            input: "who wrote it\n/save \(name)\n")
        #expect(run.status == 0)
        #expect(run.stdout.contains("Saved this conversation (1 turn)"), "\(run.stdout)")
        let files = try FileManager.default.contentsOfDirectory(atPath: saved.path)
        #expect(files.count == 1)
        let file = try #require(files.first)
        #expect(file.utf8.count <= 255 && file.hasSuffix(".jsonl") && file.hasPrefix("क्षि"))
        let stem = String(file.dropLast(".jsonl".count))
        #expect(name.hasPrefix(stem), "cut between whole characters: \(stem.unicodeScalars.count) scalars")
    }
}
