import Foundation
import Testing

@Suite("knotbot binary")
struct CLITests {
    @Test("a question prints the answer, then its sources, and exits 0")
    func oneShot() throws {
        let result = try Knotbot.run(["what causes muscle knots?"])
        #expect(result.status == 0)
        #expect(result.stderr.isEmpty)
        #expect(result.stdout.contains("The article says:"))
        #expect(result.stdout.contains("\nSources:\n  - Article: What Causes Muscle Knots?\n"))
    }

    @Test(
        "a plain question read without the argument parser answers exactly as the parser's `ask` does",
        arguments: [
            ["what causes muscle knots?"], ["--json", "what", "causes", "knots"], ["--json", "how do I release one"],
            ["my legs are numb"], ["--json", "chest pain", "and", "dizzy"],
        ])
    func plainQuestionMatchesParser(arguments: [String]) throws {
        let direct = try Knotbot.run(arguments)
        let parsed = try Knotbot.run(["ask"] + arguments)
        #expect(direct.status == 0)
        #expect(direct.stdout == parsed.stdout)
        #expect(direct.stderr == parsed.stderr)
    }

    @Test("command lines that are not a plain question still reach the parser")
    func notPlainQuestions() throws {
        #expect(try Knotbot.run(["help"]).stdout.contains("USAGE:"))
        #expect(try Knotbot.run(["--version"]).stdout.contains("."))
        let explained = try Knotbot.run(["what", "causes", "knots", "--explain"])
        #expect(explained.stdout.contains("\nWhy:\n  intent: causes"))
        let blank = try Knotbot.run(["--json", "  "])
        #expect(blank.status == 64)
        #expect(blank.stderr.contains("The question is empty"))
        #expect(try Knotbot.run(["--json", "--", "-what causes knots"]).status == 0)
    }

    @Test("--json prints exactly one object with the contract's keys")
    func json() throws {
        let result = try Knotbot.run(["--json", "who wrote the article"])
        #expect(result.status == 0)
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.count == 1)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any])
        #expect(Set(object.keys) == ["answer", "understood", "urgent", "sources", "intent", "confidence"])
        #expect(object["intent"] as? String == "author")
        #expect((object["answer"] as? String)?.contains("Daniel") == true)
    }

    @Test("--json over piped stdin answers one line per utterance, as one session")
    func pipedJSON() throws {
        let result = try Knotbot.run(["--json"], input: "what causes knots\n\ntell me more\nhi\n")
        #expect(result.status == 0)
        let replies = try result.stdout.split(separator: "\n").map {
            try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
        #expect(replies.count == 3, "blank lines are skipped")
        #expect(replies[0]["intent"] as? String == "causes")
        #expect(replies[1]["intent"] as? String == "causes", "'tell me more' continues the topic")
        #expect(replies[1]["answer"] as? String != replies[0]["answer"] as? String)
        #expect(replies[2]["intent"] as? String == "greeting")
    }

    @Test("piped stdin without --json prints one plain block per line")
    func pipedPlain() throws {
        let result = try Knotbot.run([], input: "who wrote it\nwhat is a trigger point\n")
        #expect(result.status == 0)
        #expect(result.stdout.components(separatedBy: "Sources:").count == 3)
        #expect(!result.stdout.contains("{"))
    }

    @Test("a red flag on the command line is urgent")
    func redFlag() throws {
        let result = try Knotbot.run(["--json", "numb between my legs and can't pee"])
        #expect(result.stdout.contains("\"urgent\":true"))
    }

    @Test("an option without its value is a usage error (64)")
    func missingValue() throws {
        let result = try Knotbot.run(["--intents"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("--intents"))
        #expect(result.stdout.isEmpty)
    }

    @Test("an empty question is a usage error (64)")
    func emptyQuestion() throws {
        let result = try Knotbot.run(["   "])
        #expect(result.status == 64)
        #expect(result.stderr.contains("empty"))
    }

    @Test("an intents folder that cannot be read is an I/O error (74) naming it")
    func unreadableIntents() throws {
        let missing = try Knotbot.run(["--intents", "/nonexistent/knotbot-intents", "hi"])
        #expect(missing.status == 74)
        #expect(missing.stderr == "knotbot: /nonexistent/knotbot-intents: no such folder\n")
        let file = try Knotbot.run(["--intents", "/etc/hostname", "hi"])
        #expect(file.status == 74)
        #expect(file.stderr.contains("is not a folder"))
    }

    @Test("an intents file with a YAML error is bad data (65) with file and line")
    func brokenIntent() throws {
        let folder = try Knotbot.copyOfIntents()
        let file = folder.appendingPathComponent("greeting.yaml")
        try "intent: greeting\ntopic: greeting\nsummary: hello\nexamples:\n  - hi\n  - [broken\n"
            .write(to: file, atomically: true, encoding: .utf8)
        let result = try Knotbot.run(["--intents", folder.path, "hi"])
        #expect(result.status == 65)
        #expect(result.stderr.hasPrefix("\(file.path):"))
        #expect(result.stderr.contains(": error: YAML syntax error"))
        let line = try #require(Int(result.stderr.split(separator: ":")[1]))
        #expect((5...7).contains(line))
        #expect(result.stdout.isEmpty)
    }

    @Test("--intents loads another folder: an edited keyword and example change the answer")
    func intentsOverride() throws {
        let folder = try Knotbot.copyOfIntents()
        let file = folder.appendingPathComponent("author.yaml")
        let text = try String(contentsOf: file, encoding: .utf8)
        try text.replacingOccurrences(
            of: "keywords:\n", with: "keywords:\n  - term: quokka\n    weight: 5\n"
        )
        .replacingOccurrences(of: "examples:\n", with: "examples:\n  - zebra crossing quokka\n")
        .write(to: file, atomically: true, encoding: .utf8)
        let result = try Knotbot.run(["--intents", folder.path, "--json", "zebra crossing quokka"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("\"intent\":\"author\""))
    }

    @Test("the binary works copied alone into another folder")
    func copiedAlone() throws {
        let folder = try Knotbot.temporaryFolder()
        let copy = folder.appendingPathComponent("knotbot")
        try FileManager.default.copyItem(at: Knotbot.binary, to: copy)
        let result = try Knotbot.run(["--json", "what do knots feel like"], executable: copy, directory: folder)
        #expect(result.status == 0)
        #expect(result.stdout.contains("\"intent\":\"feel\""))
    }
}
