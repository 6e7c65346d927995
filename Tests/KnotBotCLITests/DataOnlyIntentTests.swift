import Foundation
import Testing

/// Adding an intent is adding a file: the roles and the evaluation's checks are data, so a new topic
/// loads, answers, is scored by `eval`, replays and lints with no Swift change.
@Suite("A new intent is a data-only change")
struct DataOnlyIntentTests {
    /// A copy of the intents where the pain-quality intent becomes a new topic, `ache_kind`, with its
    /// own `eval:` block.
    static func intentsWithNewTopic() throws -> URL {
        let folder = try Knotbot.copyOfIntents()
        let old = folder.appendingPathComponent("pain_quality.yaml")
        let text = try String(contentsOf: old, encoding: .utf8)
            .replacingOccurrences(
                of: "intent: pain_quality\ntopic: pain_quality\n", with: "intent: ache_kind\ntopic: ache_kind\n")
        try FileManager.default.removeItem(at: old)
        try text.write(to: folder.appendingPathComponent("ache_kind.yaml"), atomically: true, encoding: .utf8)
        return folder
    }

    @Test("a new topic answers, is scored by eval, replays and lints through --intents")
    func newTopic() throws {
        let intents = try Self.intentsWithNewTopic()
        let work = intents.deletingLastPathComponent()

        let asked = try Knotbot.run([
            "--json", "--intents", intents.path, "sharp or dull back pain, what does it mean?",
        ])
        #expect(asked.status == 0, "\(asked.stderr)")
        #expect(asked.stdout.contains("\"intent\":\"ache_kind\""), "\(asked.stdout)")

        let labelled = work.appendingPathComponent("labelled.jsonl")
        try """
        {"q": "is knot pain sharp or more of a dull ache", "topic": "ache_kind"}
        {"q": "who wrote the article", "topic": "author"}

        """.write(to: labelled, atomically: true, encoding: .utf8)
        let scored = try Knotbot.run(["eval", "--intents", intents.path, labelled.path])
        #expect(scored.status == 0, "\(scored.stderr)")
        #expect(!scored.stdout.contains("unknown topic"), "\(scored.stdout)")
        #expect(scored.stdout.contains("ache_kind"), "\(scored.stdout)")
        #expect(scored.stdout.contains("single 100.0%"), "\(scored.stdout)")

        let transcript = work.appendingPathComponent("ache.jsonl")
        let recorded = try Knotbot.run(
            ["--intents", intents.path, "--transcript", transcript.path],
            input: "is knot pain sharp or dull?\ntell me more\n")
        #expect(recorded.status == 0, "\(recorded.stderr)")
        let replayed = try Knotbot.run(["replay", "--intents", intents.path, transcript.path])
        #expect(replayed.status == 0, "\(replayed.stdout)\(replayed.stderr)")

        let linted = try Knotbot.run(["intents", "lint", intents.path])
        #expect(linted.stdout.contains("0 errors"), "\(linted.stdout)")
    }

    @Test("a role played by no intent, or by two, is an error naming the file and line")
    func roles() throws {
        let intents = try Knotbot.copyOfIntents()
        let help = intents.appendingPathComponent("help.yaml")
        try String(contentsOf: help, encoding: .utf8).replacingOccurrences(of: "role: help\n", with: "")
            .write(to: help, atomically: true, encoding: .utf8)
        let thanks = intents.appendingPathComponent("thanks.yaml")
        try String(contentsOf: thanks, encoding: .utf8)
            .replacingOccurrences(of: "topic: thanks\n", with: "topic: thanks\nrole: more\n")
            .write(to: thanks, atomically: true, encoding: .utf8)
        let linted = try Knotbot.run(["intents", "lint", intents.path])
        #expect(linted.status == 65)
        #expect(linted.stdout.contains("no intent has 'role: help'"), "\(linted.stdout)")
        #expect(
            linted.stdout.contains(thanks.path + ":1: error: 'role: more' is already the role of intent 'more'"),
            "\(linted.stdout)")
    }

    @Test("the dialogue's tunables are data: fewer misses before help changes the reply, a bad value names its line")
    func dialogueSettings() throws {
        let intents = try Knotbot.copyOfIntents()
        let settings = intents.appendingPathComponent("dialogue.yaml")
        let text = try String(contentsOf: settings, encoding: .utf8)
        let gibberish = "qwzx vvbnm\n"
        let before = try Knotbot.run(["--intents", intents.path], input: gibberish)
        #expect(!before.stdout.contains("still didn't understand"), "\(before.stdout)")
        try text.replacingOccurrences(of: "misses-before-help: 2", with: "misses-before-help: 1")
            .write(to: settings, atomically: true, encoding: .utf8)
        let after = try Knotbot.run(["--intents", intents.path], input: gibberish)
        #expect(after.stdout.contains("still didn't understand"), "\(after.stdout)")

        try text.replacingOccurrences(of: "threshold: 0.15", with: "threshold: 7")
            .write(to: settings, atomically: true, encoding: .utf8)
        let broken = try Knotbot.run(["intents", "lint", intents.path])
        #expect(broken.status == 65)
        #expect(
            broken.stdout.contains(settings.path + ":3: error: threshold must be between 0 and 1"), "\(broken.stdout)")
    }

}
