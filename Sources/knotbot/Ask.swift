import ArgumentParser
import Foundation
import KnotBotEmbedded
import KnotBotKit
import KnotBotTerminal

/// The default command: one question from the arguments, or a session over standard input.
struct Ask: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Answer a question (the default command).",
        discussion: """
            knotbot "what causes muscle knots?"     one answer, then its sources
            knotbot --json "QUESTION"               one JSON object
            knotbot --json < questions.txt          one JSON object per input line, one session
            """
    )

    @Flag(
        name: .long,
        help: "Print each reply as one JSON object: answer, understood, urgent, sources, intent, confidence.")
    var json = false

    @Option(
        name: .long,
        help: ArgumentHelp("Load intents from this folder instead of the built-in ones.", valueName: "dir"),
        completion: .directory)
    var intents: String?

    @Flag(name: .long, help: "After each reply, show why it was chosen: intent, confidence, runner-up, matched words.")
    var explain = false

    @Argument(help: "The question. Without one, questions are read from standard input, one per line.")
    var question: [String] = []

    func run() throws {
        let assistant: Assistant
        do {
            assistant = Assistant(model: try EmbeddedModel.load(intentsFolder: intents))
        } catch {
            throw error.report()
        }
        let terminal = TerminalInfo.current(environment: ProcessInfo.processInfo.environment)
        let plain: any ReplyRenderer = json ? JSONReplyRenderer() : PlainReplyRenderer(width: terminal.columns)
        let renderer: any ReplyRenderer = explain && !json ? ExplainingRenderer(base: plain) : plain
        var output = StandardStream.output
        var session = ChatSession(assistant: assistant, renderer: renderer, separator: json ? "" : "\n")
        if !question.isEmpty {
            let text = question.joined(separator: " ")
            guard let reply = session.turn(text) else {
                throw ValidationError(
                    "The question is empty; ask something, for example: knotbot \"what causes muscle knots?\"")
            }
            output.write(renderer.render(reply))
            return
        }
        if terminal.inputIsTerminal && !json {
            var chat = InteractiveChat(session: session, environment: ProcessInfo.processInfo.environment)
            chat.run()
            return
        }
        var input = StandardInput()
        session.run(input: &input, output: &output)
    }
}
