import ArgumentParser
import KnotBotEmbedded
import KnotBotKit
import KnotBotTerminal

/// `knotbot intents trace`: shows which safety concepts a text matches and why a flag did or did not
/// fire, so a missed wording can be fixed by adding one word to one concept.
struct IntentsTrace: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trace",
        abstract: "Show the safety concepts a text matches, whose each is, and the flags raised.",
        discussion: """
            Each line names a concept of red-flags.yaml, the words it matched, whether it counts \
            (live), is negated ("no", "not", a denial) or past ("years ago", "gone now"), and whose it \
            is (user, other, family, general). Exit status: 0, or 65 when the intents are invalid.
            """
    )

    @Argument(help: "The text to trace (several words are joined with spaces).")
    var words: [String]

    @OptionGroup var intentsOption: IntentsOption

    func run() throws {
        let model: BotModel
        do {
            model = try EmbeddedModel.load(intentsFolder: intentsOption.intents)
        } catch {
            throw error.report()
        }
        let report = SafetyTraceReport(text: words.joined(separator: " "), assistant: Assistant(model: model))
        var output = StandardStream.output
        for line in report.lines { output.write(TerminalText.escaped(line) + "\n") }
    }
}
