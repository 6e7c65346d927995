import Foundation
import Testing

@Suite("knotbot intents lint and knotbot eval")
struct MaintainerToolsTests {
    @Test("lint is clean on the repository's intents")
    func cleanRepository() throws {
        let result = try Knotbot.run(["intents", "lint", Knotbot.repository.appendingPathComponent("Intents").path])
        #expect(result.status == 0)
        #expect(result.stdout.hasSuffix("0 errors, 0 warnings\n"), "\(result.stdout)")
    }

    @Test("intents trace shows each safety concept, its state and whose it is, then the flags")
    func trace() throws {
        let result = try Knotbot.run([
            "intents", "trace", "my", "husband", "has", "no", "fever", "but", "both", "legs", "are", "numb",
        ])
        #expect(result.status == 0)
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first == "sentence 1:", "\(lines)")
        #expect(lines.contains { $0.contains("fever") && $0.hasSuffix("negated, other") }, "\(lines)")
        #expect(lines.contains { $0.hasPrefix("raised: both-legs (emergency, other)") }, "\(lines)")
    }

    @Test("lint names the file and line of each broken intent, and exits 65")
    func brokenIntents() throws {
        let folder = try Knotbot.copyOfIntents()
        func edit(_ name: String, _ change: (String) -> String) throws -> URL {
            let url = folder.appendingPathComponent(name)
            try change(try String(contentsOf: url, encoding: .utf8)).write(to: url, atomically: true, encoding: .utf8)
            return url
        }
        let badYAML = try edit("author.yaml") { _ in "intent: author\ntopic: author\nsummary: x\nexamples: [a, b\n" }
        let unknownKey = try edit("thanks.yaml") {
            $0.replacingOccurrences(of: "topic: thanks\n", with: "topic: thanks\nanswr: oops\n")
        }
        let dangling = try edit("summary.yaml") { text in
            var text = text
            if let range = text.range(of: "article: \"") {
                text.replaceSubrange(range, with: "article: \"Not in the article ")
            }
            return text
        }
        let colliding = try edit("feel.yaml") {
            $0.replacingOccurrences(of: "examples:\n", with: "examples:\n  - what causes muscle knots\n")
        }
        try edit("causes.yaml") {
            $0.replacingOccurrences(of: "examples:\n", with: "examples:\n  - what causes muscle knots\n")
        }
        .path.isEmpty ? () : ()

        let result = try Knotbot.run(["intents", "lint", folder.path])
        #expect(result.status == 65)
        let lines = result.stdout.split(separator: "\n").map(String.init)
        func line(of url: URL, containing text: String) -> String? {
            lines.first { $0.hasPrefix(url.path + ":") && $0.contains(text) }
        }
        #expect(
            line(of: badYAML, containing: "error: YAML syntax error")?.hasPrefix(badYAML.path + ":") == true, "\(lines)"
        )
        #expect(line(of: unknownKey, containing: ":3: error: unknown key 'answr'") != nil, "\(lines)")
        let danglingLine = try #require(
            line(of: dangling, containing: "error: no article sentence begins with \"Not in the article"))
        #expect(Int(danglingLine.split(separator: ":")[1]) != nil)
        #expect(
            line(
                of: colliding,
                containing: ":6: error: example 'what causes muscle knots' is also an example of intent 'causes'")
                != nil || line(of: colliding, containing: "is also an example of intent") != nil, "\(lines)")
        #expect(lines.last?.contains(" errors, ") == true)
    }

    @Test("eval --json reports per-topic scores, confusions, misses and the summary")
    func evalJSON() throws {
        let folder = try Knotbot.temporaryFolder()
        let file = folder.appendingPathComponent("labelled.jsonl")
        try """
        {"q": "who wrote this article", "topic": "author"}
        {"q": "what causes muscle knots", "topic": "causes"}
        {"q": "what do muscle knots feel like", "topic": "types"}
        {"q": "I can't feel my bum when I wipe", "topic": "red_flag"}
        {"q": "what is the capital of peru", "topic": "out_of_scope"}

        """.write(to: file, atomically: true, encoding: .utf8)
        let result = try Knotbot.run(["eval", "--json", file.path])
        #expect(result.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let summary = try #require(object["summary"] as? [String: Any])
        #expect(summary["single"] as? Double == 80)
        #expect(summary["redflagRecall"] as? Double == 100)
        #expect(summary["falseUrgent"] as? Double == 0)
        #expect(summary["oos"] as? Double == 100)
        #expect(summary["overall"] as? Double == 80)
        let topics = try #require(object["topics"] as? [[String: Any]])
        #expect(topics.map { $0["topic"] as? String } == ["author", "causes", "out_of_scope", "red_flag", "types"])
        let types = try #require(topics.first { $0["topic"] as? String == "types" })
        #expect(types["recall"] as? Double == 0 && types["support"] as? Int == 1)
        let confusions = try #require(object["confusions"] as? [[String: Any]])
        #expect(confusions.count == 1)
        #expect(
            confusions.first?["expected"] as? String == "types" && confusions.first?["predicted"] as? String == "feel")
        let misses = try #require(object["misses"] as? [[String: Any]])
        #expect(misses.count == 1 && misses.first?["q"] as? String == "what do muscle knots feel like")

        let text = try Knotbot.run(["eval", file.path])
        #expect(
            text.stdout.hasSuffix(
                "single 80.0% dialogue n/a redflag-recall 100.0% false-urgent 0.0% oos 100.0% overall 80.0%\n"))
        #expect(text.stdout.contains("types -> feel: 1"))
    }

    @Test("eval names the line of a malformed labelled file and exits 65")
    func evalMalformed() throws {
        let file = try Knotbot.temporaryFolder().appendingPathComponent("bad.jsonl")
        try "{\"q\": \"hi\", \"topic\": \"greeting\"}\nnot json\n".write(to: file, atomically: true, encoding: .utf8)
        let result = try Knotbot.run(["eval", file.path])
        #expect(result.status == 65)
        #expect(result.stderr.hasPrefix("\(file.path):2: error:"))
    }
}
