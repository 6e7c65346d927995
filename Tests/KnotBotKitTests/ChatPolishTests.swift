import Foundation
import KnotBotKit
import Testing

/// The chat's commands, first screen, sources and JSON as a person or a script meets them.
@Suite("Chat polish")
struct ChatPolishTests {
    static func session() -> ChatSession {
        ChatSession(assistant: Fixtures.assistant, started: "2026-01-01T00:00:00Z")
    }

    /// The answer to `line`, or "" when the session skipped it.
    static func say(_ session: inout ChatSession, _ line: String) -> String {
        session.turn(line)?.answer ?? ""
    }

    @Test("/help lists each command once, one a line, their descriptions in one column")
    func helpOnce() throws {
        var session = Self.session()
        let help = Self.say(&session, "/help")
        #expect(help.components(separatedBy: "Commands:").count == 2, "the commands are listed once")
        #expect(!help.contains("/quit ends the chat"), "no second, prose list of commands")
        let lines = help.split(separator: "\n").filter { $0.hasPrefix("  /") }
        #expect(lines.count == SlashCommand.allCases.count)
        let columns = Set(
            zip(lines, SlashCommand.allCases).map { line, command in
                line.range(of: command.summary).map { line.distance(from: line.startIndex, to: $0.lowerBound) } ?? -1
            })
        #expect(columns.count == 1, "descriptions start in one column: \(lines)")
        // Wrapping for the terminal keeps the padding that aligns them.
        let rendered = PlainReplyRenderer(width: 80).render(
            Reply(answer: help, understood: true, intent: nil, confidence: 1))
        #expect(rendered.contains("  /help     what I can answer"))
    }

    @Test("asking for help in words gives the same command list as /help")
    func helpInWords() {
        let reply = Fixtures.ask("what can you do")
        #expect(reply.answer.contains("Commands:\n" + SlashCommand.table))
    }

    @Test("/topics follows the article's reading order, not the intents' ids")
    func topicsInReadingOrder() throws {
        var session = Self.session()
        let topics = Self.say(&session, "/topics")
        let order = ["definition", "referred_pain", "causes", "release_methods", "release_effects", "prevention"]
        let positions = try order.map { id in
            let summary = try #require(Fixtures.model.intent(id)).summary
            return try #require(topics.range(of: "- " + summary)).lowerBound
        }
        #expect(positions == positions.sorted(), "\(topics)")
    }

    @Test("/save: \"1 turn\", a name ending in .jsonl keeps it, and no name asks for one")
    func saving() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        var session = Self.session()
        session.keepsTurns = true
        session.saveStore = TranscriptFolder(folder)
        _ = session.turn("who wrote it")
        let unnamed = Self.say(&session, "/save")
        #expect(unnamed.contains("/save NAME"))
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty, "nothing saved without a name")
        let saved = Self.say(&session, "/save x.jsonl")
        #expect(saved.contains("(1 turn)"), "\(saved)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["x.jsonl"])
    }

    @Test("/why: no trailing blank line, one confidence per intent, typed words for repaired ones")
    func why() throws {
        var session = Self.session()
        _ = session.turn("how do I relese a knot")
        let why = Self.say(&session, "/why")
        #expect(!why.hasSuffix("\n"))
        #expect(why.contains("intent: release_methods\n"), "the confidence is the ranking's alone: \(why)")
        #expect(why.contains("(you typed \"relese\")"), "\(why)")
    }

    @Test("/why on the same question a third time says the overview came round again")
    func whyOverviewAgain() throws {
        var session = Self.session()
        for _ in 0..<3 { _ = session.turn("who wrote the article") }
        let why = Self.say(&session, "/why")
        #expect(why.contains(DecisionRule.sameTopicOverview.summary), "\(why)")
        #expect(!why.contains(DecisionRule.sameTopic.summary))
    }

    @Test("the fallback suggests topics in a sentence that reads")
    func fallbackGrammar() {
        let reply = Fixtures.ask("asdf qwer zxcv")
        #expect(reply.answer.contains("You could ask about "), "\(reply.answer)")
    }

    @Test("the first screen says the chat is recorded, where, and how to stop it; every line fits")
    func banner() {
        let text = ChatBanner(
            title: Fixtures.model.knowledge.article.title,
            recording: "/home/ann/.local/state/knotbot/transcripts/2026-01-01T00-00-00Z.jsonl", home: "/home/ann"
        ).render(width: 40)
        #expect(text.contains("~/.local/state/knotbot/transcripts/"))
        #expect(text.contains("/forget") && text.contains("--no-transcript"))
        for line in text.split(separator: "\n") where !line.contains("/transcripts/") {
            #expect(line.count <= 40, "\(line)")
        }
        let unrecorded = ChatBanner(title: "T", recording: nil, home: nil).render(width: nil)
        #expect(unrecorded.contains("not being recorded"))
    }

    @Test("/forget deletes this chat's transcript and records nothing more")
    func forget() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        var session = Self.session()
        let writer = try TranscriptWriter.createNew(in: folder, header: session.header)
        session.recorder = writer
        _ = session.turn("who wrote it")
        #expect(FileManager.default.fileExists(atPath: writer.path))
        #expect(session.recordingLocation == writer.path)
        let reply = Self.say(&session, "/forget")
        #expect(reply.contains("Deleted"), "\(reply)")
        #expect(!FileManager.default.fileExists(atPath: writer.path))
        _ = session.turn("what is a knot")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
        #expect(session.recordingLocation == nil)
    }

    @Test("plain output shows at most two short source lines and says how to see the rest")
    func fewSources() {
        let reply = Fixtures.ask("how do I prevent knots")
        #expect(reply.sources.count > 2)
        let text = PlainReplyRenderer(width: 80).render(reply)
        let sources = text.components(separatedBy: "Sources:\n")[1].split(separator: "\n")
        #expect(sources.count == 3)
        #expect(sources[2] == "  (\(reply.sources.count - 2) more: /sources)")
        let all = PlainReplyRenderer(
            width: 60, allSources: true, expand: { Fixtures.model.knowledge.fullSource($0) }
        ).render(reply)
        #expect(all.contains("(supplement, not the article)"))
        // A URL longer than the line cannot be broken between words; it gets a line of its own.
        for line in all.split(separator: "\n") where line.count > 60 {
            #expect(line.split(separator: " ").count == 1, "\(line)")
        }
    }

    @Test("JSON: a clarification says so and lists its options; --explain adds the explanation")
    func jsonClarification() throws {
        let reply = Fixtures.ask("so knots how?")
        #expect(reply.isClarification)
        let line = JSONReplyRenderer().render(reply)
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        #expect(object["clarify"] as? Bool == true)
        #expect(object["options"] as? [String] == ["release_methods", "prevention"])
        #expect(object["explanation"] == nil)
        let explained = JSONReplyRenderer(explains: true).render(Fixtures.ask("does heat help"))
        let withWhy = try #require(try JSONSerialization.jsonObject(with: Data(explained.utf8)) as? [String: Any])
        let explanation = try #require(withWhy["explanation"] as? [String: Any])
        #expect(explanation["rule"] as? String == "intent")
        #expect(withWhy["clarify"] == nil && withWhy["options"] == nil, "only a clarification has them")
    }

    @Test("piped input after a goodbye is reported, not silently dropped")
    func unreadAfterGoodbye() {
        var session = Self.session()
        var input = ScriptedLines(["hi", "bye", "what causes knots"])
        var output = CapturedOutput()
        var errors = CapturedOutput()
        TurnLoop(render: { $0.answer }, reportsUnreadInput: true).run(
            &session, input: &input, output: &output, errors: &errors)
        #expect(errors.text.contains("goodbye on input line 2"), "\(errors.text)")
        #expect(errors.text.contains("what causes knots"))
    }

    @Test("/expect marks the right intent; a saved conversation fails replay until the bot answers so")
    func expectBeforeSave() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        var session = Self.session()
        session.keepsTurns = true
        session.saveStore = TranscriptFolder(folder)
        #expect(Self.say(&session, "/expect prevention").contains("ask me something first"))
        _ = session.turn("who wrote it")
        _ = session.turn("what causes knots")
        #expect(Self.say(&session, "/expect frobnicate").contains("There is no intent"))
        let marked = Self.say(&session, "/expect prevention")
        #expect(marked.contains("Marked turn 2") && marked.contains("I answered causes"), "\(marked)")
        _ = Self.say(&session, "/save marked")
        let path = folder.appendingPathComponent("marked.jsonl")
        let transcript = try #require(try TranscriptReader.read(contentsOf: path))
        #expect(transcript.turns.count == 2, "/expect and /save are not turns")
        #expect(transcript.turns[1].expect == "prevention")
        #expect(transcript.turns[0].expect == nil)
        let result = Replayer(assistant: Fixtures.assistant).replay(transcript)
        let mismatch = try #require(result.mismatches.first)
        #expect(result.mismatches.count == 1 && mismatch.turn == 2)
        #expect(mismatch.differences.map(\.field) == ["intent (marked with /expect)"])

        // Marked with what it answered: the test passes, and keeps checking the rest of the turn.
        var confirmed = transcript
        confirmed.turns[1].expect = "causes"
        #expect(Replayer(assistant: Fixtures.assistant).replay(confirmed).mismatches.isEmpty)
        confirmed.turns[1].reply.answer = "something else"
        #expect(
            Replayer(assistant: Fixtures.assistant, match: .exact).replay(confirmed).mismatches.first?.differences.map(
                \.field) == ["answer"])
    }
}
