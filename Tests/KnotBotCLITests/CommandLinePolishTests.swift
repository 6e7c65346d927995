import Foundation
import Testing

/// The command line as a new user and a script meet it: top-level help, sources, JSON keys, input
/// after a goodbye, and the recorded-chats listing.
@Suite("Command-line polish")
struct CommandLinePolishTests {
    @Test("knotbot --help shows the everyday options and examples, not only the subcommands")
    func topLevelHelp() throws {
        let help = try Knotbot.run(["--help"])
        #expect(help.status == 0)
        for option in ["--json", "--explain", "--sources", "--transcript", "--no-transcript", "--intents"] {
            #expect(help.stdout.contains("  \(option) "), "\(option) missing:\n\(help.stdout)")
        }
        #expect(help.stdout.contains("EXAMPLES:"))
        #expect(help.stdout.contains("knotbot \"what causes muscle knots?\""))
        #expect(help.stdout.contains("transcripts"), "the transcripts subcommand is listed")
    }

    @Test("plain output shows two sources and how to see the rest; --sources shows them all in full")
    func sources() throws {
        let question = "how do I prevent knots"
        let short = try Knotbot.run([question])
        let shown = short.stdout.components(separatedBy: "Sources:\n")[1].split(separator: "\n")
        #expect(shown.count == 3 && shown[2].contains("more: --sources)"), "\(short.stdout)")
        let all = try Knotbot.run(["--sources", question])
        #expect(all.stdout.contains("(supplement, not the article)"))
        #expect(!all.stdout.contains("more: --sources"))
    }

    @Test("--json --explain adds an explanation object; an ordinary line keeps the six keys")
    func jsonExplain() throws {
        let plain = try Knotbot.run(["--json", "does heat help"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(plain.stdout.utf8)) as? [String: Any])
        #expect(object.count == 6, "\(object.keys)")
        let clarifying = try Knotbot.run(["--json", "so knots how?"])
        let asked = try #require(
            try JSONSerialization.jsonObject(with: Data(clarifying.stdout.utf8)) as? [String: Any])
        #expect(asked["clarify"] as? Bool == true)
        #expect(asked["options"] as? [String] == ["release_methods", "prevention"])
        let explained = try Knotbot.run(["--json", "--explain", "does heat help"])
        let withWhy = try #require(
            try JSONSerialization.jsonObject(with: Data(explained.stdout.utf8)) as? [String: Any])
        let explanation = try #require(withWhy["explanation"] as? [String: Any])
        #expect(explanation["rule"] as? String == "intent")
        #expect((explanation["ranking"] as? [Any])?.isEmpty == false)
    }

    @Test("lines piped after a goodbye are reported on stderr, not dropped without a word")
    func afterGoodbye() throws {
        let run = try Knotbot.run(["--json"], input: "hi\nbye\nwhat causes knots\n")
        #expect(run.status == 0)
        #expect(run.stdout.split(separator: "\n").count == 2)
        #expect(run.stderr.contains("ended with the goodbye on input line 2"), "\(run.stderr)")
        let clean = try Knotbot.run(["--json"], input: "hi\nbye\n")
        #expect(clean.stderr.isEmpty)
    }

    @Test("knotbot transcripts lists recorded chats newest first; --prune DAYS deletes old ones")
    func recordedChats() throws {
        let state = try Knotbot.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: state) }
        let folder = state.appendingPathComponent("knotbot/transcripts")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let environment = ["XDG_STATE_HOME": state.path]
        let empty = try Knotbot.run(["transcripts"], environment: environment)
        #expect(empty.stdout.contains("No recorded chats"))
        for (name, question) in [("old", "who wrote it"), ("new", "what causes knots")] {
            let path = folder.appendingPathComponent("\(name).jsonl").path
            let run = try Knotbot.run(["--transcript", path], input: "\(question)\n/why\n", environment: environment)
            #expect(run.status == 0, "\(run.stderr)")
        }
        let old = folder.appendingPathComponent("old.jsonl")
        let tenDaysAgo = Date.now.addingTimeInterval(-10 * 86_400)
        try FileManager.default.setAttributes([.modificationDate: tenDaysAgo], ofItemAtPath: old.path)
        var header = try String(contentsOf: old, encoding: .utf8)
        header = header.replacingOccurrences(
            of: #""started":"[^"]*""#, with: #""started":"2020-01-01T00:00:00Z""#, options: .regularExpression)
        try header.write(to: old, atomically: false, encoding: .utf8)
        try FileManager.default.setAttributes([.modificationDate: tenDaysAgo], ofItemAtPath: old.path)

        let list = try Knotbot.run(["transcripts"], environment: environment)
        let lines = list.stdout.split(separator: "\n")
        #expect(lines.count == 2, "\(list.stdout)")
        #expect(lines.first?.contains("\"what causes knots\"") == true && lines.first?.contains("2 turns") == true)
        #expect(lines.last?.hasPrefix("2020-01-01 00:00") == true, "\(list.stdout)")

        let prune = try Knotbot.run(["transcripts", "--prune", "5"], environment: environment)
        #expect(prune.status == 0)
        #expect(prune.stdout.contains("1 recorded chat older than 5 days deleted"), "\(prune.stdout)")
        #expect(!FileManager.default.fileExists(atPath: old.path))
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("new.jsonl").path))
        let bad = try Knotbot.run(["transcripts", "--prune", "-1"], environment: environment)
        #expect(bad.status == 64)
    }

    @Test("the README's count of transcripts is the repository's")
    func readmeCount() throws {
        let readme = try String(
            contentsOf: Knotbot.repository.appendingPathComponent("README.md"), encoding: .utf8)
        let count = try FileManager.default.contentsOfDirectory(
            atPath: Knotbot.repository.appendingPathComponent("transcripts").path
        ).filter { $0.hasSuffix(".jsonl") }.count
        let claims = readme.matches(of: /(?:the repo has|replaying all) (\d+)(?: transcripts)?/).map { Int($0.1) }
        #expect(!claims.isEmpty)
        for claim in claims { #expect(claim == count, "README says \(claim ?? -1), transcripts/ holds \(count)") }
    }
}
