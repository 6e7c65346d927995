import ArgumentParser
import Testing

@testable import knotbot

/// A first word that names a subcommand goes to that subcommand, never to the plain-question fast path.
@Suite("Subcommand names are not questions")
struct SubcommandNameTests {
    /// Every first word the parser routes to a subcommand, read from its configuration, so that a new
    /// subcommand is covered here without a change to this test; "help" is the parser's own.
    static let parserNames: [String] =
        KnotBot.configuration.subcommands.flatMap { [$0._commandName] + $0.configuration.aliases } + ["help"]

    @Test("the fast path refuses every subcommand name in the parser's configuration")
    func fastPathRefusesSubcommands() {
        #expect(Self.parserNames.count > 1)
        for name in Self.parserNames {
            #expect(AskSettings(plainQuestion: [name]) == nil, "\(name)")
            #expect(AskSettings(plainQuestion: [name, "who", "wrote", "it"]) == nil, "\(name) who wrote it")
            #expect(AskSettings(plainQuestion: ["--json", name, "who", "wrote", "it"]) == nil, "--json \(name) ...")
        }
    }

    @Test("a subcommand name as the only word is not answered as a question", arguments: parserNames)
    func binaryDoesNotAnswerSubcommandNames(name: String) throws {
        let result = try Knotbot.run([name])
        let asQuestion = try Knotbot.run(["ask", name])
        #expect(!asQuestion.stdout.isEmpty, "`ask \(name)` answers the word as a question")
        #expect(result.stdout != asQuestion.stdout, "`knotbot \(name)` printed the answer to the question \"\(name)\"")
        #expect(!result.stdout.contains("Sorry, I didn't understand that"), "\(result.stdout)")
    }
}
