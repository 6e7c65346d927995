import ArgumentParser
import Foundation
import KnotBotEmbedded
import KnotBotKit
import KnotBotTerminal

/// The default command: one question from the arguments, or a session over standard input.
struct Ask: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ask",
        abstract: "Answer a question (the default command).",
        // Indented, so the manual page (mdoc) keeps one example a line instead of joining them.
        discussion: """
              knotbot "what causes muscle knots?"     one answer, then its sources
              knotbot --json "QUESTION"               one JSON object
              knotbot --json < questions.txt          a JSON object a line, one session
            """
    )

    @Flag(
        name: .long,
        help: "Print each reply as one JSON object: answer, understood, urgent, sources, intent, confidence.")
    var json = false

    @OptionGroup var intentsOption: IntentsOption

    @Flag(name: .long, help: "After each reply, show why it was chosen: intent, confidence, runner-up, matched words.")
    var explain = false

    @Flag(help: "Show every source of each answer in full (plain output shows the first two, shortened).")
    var sources = false

    @Option(
        help: ArgumentHelp(
            "Record this session to a new transcript file (chats are recorded by default).", valueName: "file"))
    var transcript: String?

    @Flag(help: "Do not record this chat.")
    var noTranscript = false

    @Option(
        help: ArgumentHelp(
            "Where /save writes transcripts (default: transcripts/ here, if present).", valueName: "dir"),
        completion: .directory)
    var transcriptsDir: String?

    @Argument(help: "The question. Without one, questions are read from standard input, one per line.")
    var question: [String] = []

    func run() throws {
        try Self.answer(
            AskSettings(
                json: json, intents: intentsOption.intents, explain: explain, sources: sources, transcript: transcript,
                noTranscript: noTranscript,
                transcriptsDir: transcriptsDir, question: question))
    }

    /// Answers as `settings` say; `run()` and the plain-question path of `KnotBot.main()` share it.
    static func answer(_ settings: AskSettings) throws {
        let assistant: Assistant
        do {
            assistant = Assistant(model: try EmbeddedModel.load(intentsFolder: settings.intents))
        } catch {
            throw error.report()
        }
        let environment = ProcessEnvironment.current()
        let terminal = TerminalInfo.current(environment: environment)
        let json = settings.json
        let knowledge = assistant.model.knowledge
        let plain: any ReplyRenderer =
            json
            ? JSONReplyRenderer(explains: settings.explain)
            : PlainReplyRenderer(
                width: terminal.columns, style: terminal.usesColor ? TerminalStyle.ansi : .plain,
                allSources: settings.sources, expand: { knowledge.fullSource($0) }, moreSourcesHint: "--sources")
        let renderer: any ReplyRenderer = settings.explain && !json ? ExplainingRenderer(base: plain) : plain
        var output = StandardStream.output
        let interactive = settings.question.isEmpty && terminal.inputIsTerminal && !json
        var session = ChatSession(
            assistant: assistant,
            started: UTCTimestamp.format(secondsSince1970: Int(Date.now.timeIntervalSince1970)))
        do {
            try settings.startRecording(&session, interactive: interactive, environment: environment)
        } catch {
            throw error.report()
        }
        var errors = StandardStream.error
        let loop = TurnLoop(between: json ? "" : "\n", render: renderer.render)
        if !settings.question.isEmpty {
            // Joined by hand: `joined(separator:)` looks its generic witnesses up at run time, 0.26 M
            // instructions the first time, a twentieth of a one-shot answer's own work.
            var text = settings.question[0]
            for word in settings.question.dropFirst() { text += " " + word }
            var question = ScriptedLines([text])
            guard loop.run(&session, input: &question, output: &output, errors: &errors) > 0 else {
                throw ValidationError(
                    "The question is empty; ask something, for example: knotbot \"what causes muscle knots?\"")
            }
            return
        }
        if interactive {
            var chat = InteractiveChat(session: session, environment: environment, allSources: settings.sources)
            let status = chat.run()
            if status != 0 { throw ExitCode(status) }
            return
        }
        // A signal ends a piped chat after the turn in flight, as it ends a chat on a terminal.
        TerminationSignals.install()
        var input = StandardInput()
        var piped = loop
        piped.reportsUnreadInput = true
        piped.run(&session, input: &input, output: &output, errors: &errors)
        if let signal = TerminationSignals.received { throw ExitCode(128 + signal) }
    }
}
