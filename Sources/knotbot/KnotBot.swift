import ArgumentParser
import Foundation
import KnotBotKit

/// `knotbot`: answers questions about the article "Are Tight Muscle Knots Causing Your Back Pain?".
@main
struct KnotBot: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "knotbot",
        abstract: "Answers questions about the article \"Are Tight Muscle Knots Causing Your Back Pain?\".",
        discussion: """
            Ask one question as arguments, pipe questions one per line, or run with no arguments on a \
            terminal to chat. KnotBot quotes the article and marks anything from outside it; it never \
            diagnoses, and it tells you to get care at once when you describe a warning sign.
            """,
        version: KnotBotVersion.current,
        subcommands: [Ask.self, Replay.self, Eval.self, IntentsCommand.self],
        defaultSubcommand: Ask.self
    )

    /// Answers a plain one-shot question directly; every other command line goes to the parser.
    static func main() {
        // A file grown past the size limit (ulimit -f) must fail its write, which the transcript
        // writer reports once, not kill the chat.
        signal(SIGXFSZ, SIG_IGN)
        if let settings = AskSettings(plainQuestion: Array(CommandLine.arguments.dropFirst())) {
            do {
                try Ask.answer(settings)
            } catch {
                exit(withError: error)
            }
            return
        }
        main(nil)
    }
}
