import Foundation
import Testing

@Suite("knotbot replay and recording")
struct ReplayCLITests {
    @Test("--transcript records a piped session that replays; editing a keyword fails it, --update passes it")
    func recordReplayUpdate() throws {
        let folder = try Knotbot.temporaryFolder()
        let file = folder.appendingPathComponent("session.jsonl")
        let recorded = try Knotbot.run(
            ["--transcript", file.path], input: "hello\nwhat causes muscle knots?\ntell me more\nthanks\n")
        #expect(recorded.status == 0)
        let pass = try Knotbot.run(["replay", file.path])
        #expect(pass.status == 0)
        #expect(pass.stdout.hasSuffix("1 passed, 0 failed\n"))

        let intents = try Knotbot.copyOfIntents()
        let causes = intents.appendingPathComponent("causes.yaml")
        let text = try String(contentsOf: causes, encoding: .utf8)
        try text.replacingOccurrences(
            of: "  - term: what causes\n    weight: 2.5", with: "  - term: what causes\n    weight: -5"
        )
        .write(to: causes, atomically: true, encoding: .utf8)
        let fail = try Knotbot.run(["replay", "--intents", intents.path, file.path])
        #expect(fail.status == 1)
        #expect(fail.stdout.contains("FAIL \(file.path)"))
        #expect(fail.stdout.contains("\(file.path):turn 2: \"what causes muscle knots?\""))
        #expect(fail.stdout.contains("    intent: expected causes, actual "))
        #expect(fail.stdout.hasSuffix("0 passed, 1 failed\n"))

        let update = try Knotbot.run(["replay", "--intents", intents.path, "--update", file.path])
        #expect(update.status == 0)
        #expect(update.stdout.contains("UPDATED \(file.path)"))
        let after = try Knotbot.run(["replay", "--intents", intents.path, file.path])
        #expect(after.status == 0 && after.stdout.hasSuffix("1 passed, 0 failed\n"))
    }

    @Test("--mutations --group runs one concept's words; a group that does not exist is a usage error")
    func mutationGroup() throws {
        let intents = try Knotbot.copyOfIntents()
        let transcript = try Knotbot.temporaryFolder().appendingPathComponent("arm.jsonl")
        let recorded = try Knotbot.run(
            ["--intents", intents.path, "--transcript", transcript.path], input: "my jaw and my left arm hurt\n")
        #expect(recorded.status == 0)
        let run = try Knotbot.run(
            [
                "replay", "--mutations", "--kind", "concept-word", "--group", "concept arm", "--intents", intents.path,
                transcript.path,
            ])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("  concept word:"), "\(run.stdout)")
        let lines = run.stdout.split(separator: "\n")
        #expect(
            !lines.contains {
                $0.hasPrefix("  concept ") && !$0.hasPrefix("  concept arm") && !$0.hasPrefix("  concept word")
            })
        let unknown = try Knotbot.run(
            ["replay", "--mutations", "--group", "concept nothing", "--intents", intents.path, transcript.path])
        #expect(unknown.status == 64 && unknown.stderr.contains("no mutations in group 'concept nothing'"))
    }

    @Test(
        "bad transcripts: a clear message and the documented exit code, never a crash",
        arguments: [
            ("\n", 65, "1: error: is empty"),
            (
                "{\"format\":1,\"knotbot\":\"0\",\"model\":\"x\",\"started\":\"s\",\"type\":\"header\"}\n]]]\n{}\n", 65,
                "2: error: is not a valid transcript turn"
            ),
            (
                "{\"format\":7,\"knotbot\":\"0\",\"model\":\"x\",\"started\":\"s\",\"type\":\"header\"}\n", 65,
                "1: error: transcript format 7 is newer"
            ),
        ])
    func badTranscripts(text: String, status: Int32, message: String) throws {
        let file = try Knotbot.temporaryFolder().appendingPathComponent("bad.jsonl")
        try text.write(to: file, atomically: true, encoding: .utf8)
        let result = try Knotbot.run(["replay", file.path])
        #expect(result.status == status)
        #expect(result.stderr.contains("\(file.path):\(message)"), "\(result.stderr)")
        #expect(result.stdout == "0 passed, 1 failed (1 with errors, on stderr)\n")
        #expect(!result.stderr.contains("Fatal error"))
    }

    @Test("a truncated last line is reported, and the rest still replays")
    func truncated() throws {
        let file = try Knotbot.temporaryFolder().appendingPathComponent("cut.jsonl")
        _ = try Knotbot.run(["--transcript", file.path], input: "who wrote it\nwhat is a trigger point\n")
        let handle = try FileHandle(forWritingTo: file)
        try handle.seekToEnd()
        try handle.write(contentsOf: Data("{\"reply\":{\"ans".utf8))
        try handle.close()
        let result = try Knotbot.run(["replay", file.path])
        #expect(result.status == 0)
        #expect(result.stderr.contains(":4: warning: the last line is incomplete"))
        #expect(result.stdout.contains("PASS \(file.path) (2 turns)"))
    }

    @Test("a folder with no transcripts exits 66; a missing path 74")
    func noTranscripts() throws {
        let folder = try Knotbot.temporaryFolder()
        let empty = try Knotbot.run(["replay", folder.path])
        #expect(empty.status == 66)
        #expect(empty.stderr == "knotbot: \(folder.path): holds no transcripts (*.jsonl)\n")
        let missing = try Knotbot.run(["replay", "/nonexistent/transcripts"])
        #expect(missing.status == 74)
    }

    @Test("--transcript never overwrites an existing file")
    func existingFile() throws {
        let file = try Knotbot.temporaryFolder().appendingPathComponent("taken.jsonl")
        try "precious".write(to: file, atomically: true, encoding: .utf8)
        let result = try Knotbot.run(["--transcript", file.path, "hi"])
        #expect(result.status == 74)
        #expect(result.stderr.contains("already exists"))
        #expect(try String(contentsOf: file, encoding: .utf8) == "precious")
    }

    @Test("kill -9 during a 200-turn piped session: every answered turn is in the transcript, and it replays")
    func killed() throws {
        let folder = try Knotbot.temporaryFolder()
        let file = folder.appendingPathComponent("killed.jsonl")
        let questions = [
            "what causes knots", "tell me more", "who wrote it", "is knot pain dull", "how do i release them",
        ]
        let process = try Knotbot.start(["--json", "--transcript", file.path])
        // Feed 200 turns but kill the process once 50 replies have come back.
        for index in 0..<200 {
            process.input.write(Data((questions[index % questions.count] + "\n").utf8))
        }
        var replies = 0
        var buffer = Data()
        while replies < 50 {
            let chunk = process.output.availableData
            if chunk.isEmpty { break }
            buffer.append(chunk)
            replies = buffer.filter { $0 == UInt8(ascii: "\n") }.count
        }
        process.send(SIGKILL)
        let result = process.finish()
        #expect(result.signal != nil)
        let transcript = try String(contentsOf: file, encoding: .utf8)
        let lines = transcript.split(separator: "\n", omittingEmptySubsequences: false)
        let complete = lines.dropFirst().filter { $0.hasSuffix("}") }.count
        #expect(complete >= replies, "every reply seen on stdout was recorded first")
        let replay = try Knotbot.run(["replay", file.path])
        #expect(replay.status == 0, "\(replay.stdout)")
    }
}
