import Foundation
import Testing

@testable import KnotBotKit

@Suite("Transcripts")
struct TranscriptTests {
    /// A short conversation recorded into a new file through a session.
    static func record(_ lines: [String], to url: URL, assistant: Assistant = Fixtures.assistant) throws {
        var session = ChatSession(assistant: assistant, started: "2026-01-01T00:00:00Z")
        session.recorder = try TranscriptWriter.create(at: url, header: session.header)
        for line in lines { _ = session.turn(line) }
    }

    static func read(_ url: URL) throws -> Transcript {
        try TranscriptReader.read(DataFile.read(url))
    }

    @Test("a recorded session replays: a header, one line per turn, files private to the user")
    func recordAndReplay() throws {
        let url = try Fixtures.temporaryFolder().appendingPathComponent("t.jsonl")
        try Self.record(["hello", "what causes knots", "tell me more", "/why", "   ", "bye"], to: url)
        let text = try String(contentsOf: url, encoding: .utf8)
        let lines = text.split(separator: "\n")
        #expect(lines.count == 6, "blank lines are not turns")
        #expect(lines[0].hasPrefix("{\"format\":1,\"knotbot\":"))
        #expect(lines[1].hasPrefix("{\"reply\":{\"answer\":"), "keys in a stable (sorted) order")
        let mode = try FileManager.default.attributesOfItem(atPath: url.path)[.posixPermissions] as? NSNumber
        #expect(mode?.intValue == 0o600)
        let transcript = try Self.read(url)
        #expect(transcript.turns.map(\.utterance) == ["hello", "what causes knots", "tell me more", "/why", "bye"])
        #expect(transcript.turns.last?.state.phase == .ended)
        let result = Replayer(assistant: Fixtures.assistant).replay(transcript)
        #expect(result.passed, "\(result.mismatches)")
    }

    @Test("a half-written last line is a warning; the turns before it still replay")
    func truncatedLastLine() throws {
        let url = try Fixtures.temporaryFolder().appendingPathComponent("t.jsonl")
        try Self.record(["what causes knots", "who wrote it"], to: url)
        var text = try String(contentsOf: url, encoding: .utf8)
        text += "{\"reply\":{\"answer\":\"The art"
        try text.write(to: url, atomically: true, encoding: .utf8)
        let transcript = try Self.read(url)
        #expect(transcript.turns.count == 2)
        #expect(
            transcript.warnings.map(\.description) == [
                "\(url.path):4: warning: the last line is incomplete (the session was cut off); it was skipped"
            ])
        #expect(Replayer(assistant: Fixtures.assistant).replay(transcript).passed)
    }

    @Test(
        "malformed transcripts are refused with file, line and what is wrong",
        arguments: [
            ("", "1: error: is empty"),
            ("not json\n", "1: error: the first line is not a transcript header"),
            (
                "{\"format\":9,\"knotbot\":\"9\",\"model\":\"x\",\"started\":\"s\",\"type\":\"header\"}\n",
                "1: error: transcript format 9 is newer than this KnotBot reads"
            ),
            (
                "{\"format\":1,\"knotbot\":\"0\",\"model\":\"x\",\"started\":\"s\",\"type\":\"header\"}\nnonsense\n{}\n",
                "2: error: is not a valid transcript turn (not JSON)"
            ),
        ])
    func malformed(text: String, message: String) throws {
        let url = try Fixtures.temporaryFolder().appendingPathComponent("bad.jsonl")
        try text.write(to: url, atomically: true, encoding: .utf8)
        #expect {
            try Self.read(url)
        } throws: { error in
            (error as? KnotBotError)?.description.hasPrefix("\(url.path):\(message)") == true
                && (error as? KnotBotError)?.exitCode == 65
        }
    }

    @Test("a folder without transcripts is 'no input' (66), a missing path an I/O error (74)")
    func emptyFolder() throws {
        let folder = try Fixtures.temporaryFolder()
        #expect(throws: KnotBotError.noInput(path: folder.path, reason: "holds no transcripts (*.jsonl)")) {
            try TranscriptReader.files(at: [folder.path])
        }
        #expect(throws: KnotBotError.io(path: "/nonexistent/x", reason: "no such file or folder")) {
            try TranscriptReader.files(at: ["/nonexistent/x"])
        }
    }

    @Test("a transcript file is never overwritten, and a planted symlink is not followed")
    func neverOverwrites() throws {
        let folder = try Fixtures.temporaryFolder()
        let existing = folder.appendingPathComponent("taken.jsonl")
        try "keep me".write(to: existing, atomically: true, encoding: .utf8)
        let header = TranscriptHeader(knotbot: "t", model: "m", started: "s")
        #expect(throws: KnotBotError.self) { try TranscriptWriter.create(at: existing, header: header) }
        #expect(try String(contentsOf: existing, encoding: .utf8) == "keep me")
        let target = folder.appendingPathComponent("target")
        try "secret".write(to: target, atomically: true, encoding: .utf8)
        let link = folder.appendingPathComponent("link.jsonl")
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: target)
        #expect(throws: KnotBotError.self) { try TranscriptWriter.create(at: link, header: header) }
        #expect(try String(contentsOf: target, encoding: .utf8) == "secret")
    }

    @Test("replay catches a changed keyword: the affected turn is named, and --update re-records it")
    func catchesRegression() throws {
        let folder = try Fixtures.temporaryFolder()
        let url = folder.appendingPathComponent("conversation.jsonl")
        try Self.record(["hi", "what causes muscle knots?", "thanks"], to: url)
        let intents = try Fixtures.copyOfIntents()
        let causes = intents.appendingPathComponent("causes.yaml")
        let text = try String(contentsOf: causes, encoding: .utf8)
        try text.replacingOccurrences(
            of: "  - term: what causes\n    weight: 2.5", with: "  - term: what causes\n    weight: -5"
        )
        .write(to: causes, atomically: true, encoding: .utf8)
        let edited = try ModelCompiler.compile(intentsFolder: intents, knowledge: Fixtures.model.knowledge)
        let replayer = Replayer(assistant: Assistant(model: edited), match: .intent)
        let result = replayer.replay(try Self.read(url))
        #expect(!result.passed)
        #expect(result.mismatches.map(\.turn) == [2])
        let difference = try #require(result.mismatches.first?.differences.first)
        #expect(difference.field == "intent" && difference.expected == "causes" && difference.actual != "causes")
        var report = ReplayReport()
        report.add(result)
        #expect(report.lines.contains("  \(url.path):turn 2: \"what causes muscle knots?\""))
        #expect(report.summary == "0 passed, 1 failed" && report.exitCode == 1)

        try TranscriptWriter.replace(url, with: replayer.updated(result).text)
        #expect(replayer.replay(try Self.read(url)).passed)
        let mode = try FileManager.default.attributesOfItem(atPath: url.path)[.posixPermissions] as? NSNumber
        #expect(mode?.intValue == 0o600)
    }

    @Test("a reworded answer or a moved confidence fails only --match exact; other facts fail the default")
    func matchModes() throws {
        let url = try Fixtures.temporaryFolder().appendingPathComponent("t.jsonl")
        try Self.record(["who wrote the article"], to: url)
        let recorded = try Self.read(url)
        var reworded = recorded
        reworded.turns[0].reply.answer = "Daniel wrote it."
        reworded.turns[0].reply.confidence += 0.001
        #expect(!Replayer(assistant: Fixtures.assistant, match: .exact).replay(reworded).passed)
        #expect(Replayer(assistant: Fixtures.assistant).replay(reworded).passed)
        #expect(Replayer(assistant: Fixtures.assistant, match: .intent).replay(reworded).passed)

        var otherFacts = recorded
        otherFacts.turns[0].state.given = ["another-fact"]
        let result = Replayer(assistant: Fixtures.assistant).replay(otherFacts)
        #expect(result.mismatches.first?.differences.map(\.field) == ["facts given"])
        #expect(Replayer(assistant: Fixtures.assistant, match: .intent).replay(otherFacts).passed)
    }

    @Test("an intent's own written words are compared by default; a fallback's wording is not")
    func fixedWords() throws {
        let url = try Fixtures.temporaryFolder().appendingPathComponent("t.jsonl")
        try Self.record(["hiya", "what is the capital of peru"], to: url)
        var transcript = try Self.read(url)
        #expect(transcript.turns[0].reply.intent == "greeting" && !transcript.turns[1].reply.understood)
        transcript.turns[1].reply.answer = "Sorry, that is not something I know."
        #expect(Replayer(assistant: Fixtures.assistant).replay(transcript).passed)
        transcript.turns[0].reply.answer = "Type /help to see what I can do."
        let result = Replayer(assistant: Fixtures.assistant).replay(transcript)
        #expect(result.mismatches.map(\.turn) == [1])
        #expect(result.mismatches.first?.differences.map(\.field) == ["answer"])
    }

    @Test("the word diff marks what was removed and added")
    func wordDiff() {
        #expect(
            WordDiff.render(from: "a dull ache here", to: "a sharp ache there")
                == "a [-dull-] {+sharp+} ache [-here-] {+there+}")
    }
}

@Suite("The repository's transcripts")
struct RepositoryTranscriptTests {
    static let folder = Fixtures.repository.appendingPathComponent("transcripts")

    @Test("every recorded conversation replays unchanged")
    func replayAll() throws {
        let files = try TranscriptReader.files(at: [Self.folder.path])
        #expect(files.count >= 30)
        let replayer = Replayer(assistant: Fixtures.assistant)
        for file in files {
            let result = replayer.replay(try TranscriptReader.read(DataFile.read(file)))
            var report = ReplayReport()
            report.add(result)
            #expect(result.passed, "\(report.lines.joined(separator: "\n"))")
        }
    }

    @Test("together they reach every intent, phase, transition, command and red-flag tier")
    func coverage() throws {
        var coverage = ReplayCoverage()
        let replayer = Replayer(assistant: Fixtures.assistant)
        for file in try TranscriptReader.files(at: [Self.folder.path]) {
            coverage.add(replayer.replay(try TranscriptReader.read(DataFile.read(file))))
        }
        let (text, unreached) = coverage.report(model: Fixtures.model)
        #expect(unreached == 0, "\(text)")
    }
}
