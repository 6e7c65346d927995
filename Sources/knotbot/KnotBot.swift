import ArgumentParser
import Foundation
import KnotBotKit

/// `knotbot`: answers questions about the article "Are Tight Muscle Knots Causing Your Back Pain?".
@main
struct KnotBot: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "knotbot",
        abstract: "Answers questions about the article \"Are Tight Muscle Knots Causing Your Back Pain?\".",
        usage: """
            knotbot [--json] [--explain] [--sources] [--no-transcript] [<question> ...]
            knotbot <subcommand>
            """,
        discussion: """
            Ask one question as arguments, pipe questions one per line, or run with no arguments on a \
            terminal to chat. KnotBot quotes the article and marks anything from outside it; it never \
            diagnoses, and it tells you to get care at once when you describe a warning sign.

            EXAMPLES:
              knotbot                                 chat (recorded: see its first screen)
              knotbot "what causes muscle knots?"     one answer, then its sources
              knotbot --json "does heat help?"        one JSON object
              knotbot --json < questions.txt          a JSON object per line
              knotbot --explain "how hard to press?"  the answer, then why

            EVERYDAY OPTIONS (of ask, the default; knotbot help ask lists all):
              --json                  each reply as one JSON object
              --explain               after each reply, why it was chosen
              --sources               every source in full, not the first two
              --no-transcript         do not record this chat
              --transcript <file>     record this session to a new file
              --intents <dir>         intents from a folder, not the built-in
            """,
        version: KnotBotVersion.current,
        subcommands: [Ask.self, Replay.self, Eval.self, IntentsCommand.self, TranscriptsCommand.self],
        defaultSubcommand: Ask.self
    )

    /// The most arguments a command line that goes to the argument parser may have.
    ///
    /// swift-argument-parser takes time quadratic in the number of arguments: 8,000 `--json` flags
    /// took 2.5 s in a release build, 100,000 took 409 s, and `--explain` with 32,000 words 17.5 s.
    /// No command needs more than a handful, and a question is cut at 2,000 characters anyway, which
    /// 1,000 one-letter words already reach. A plain question (`[--json] WORD...`) skips the parser
    /// and has no such limit.
    static let maximumParsedArguments = 1_000

    /// Answers a plain one-shot question directly; every other command line goes to the parser.
    static func main() {
        // A file grown past the size limit (ulimit -f) must fail its write, which the transcript
        // writer reports once, not kill the chat.
        signal(SIGXFSZ, SIG_IGN)
        let arguments = Array(CommandLine.arguments.dropFirst())
        if let settings = AskSettings(plainQuestion: arguments) {
            do {
                try Ask.answer(settings)
            } catch {
                exit(withError: error)
            }
            return
        }
        if arguments.count > maximumParsedArguments {
            exit(
                withError: ValidationError(
                    "too many arguments (\(arguments.count)); knotbot takes at most \(maximumParsedArguments) "
                        + "with options. Put the question in quotes, as one argument."))
        }
        main(nil)
    }
}
