import Foundation
public import KnotBotKit

/// The chat on a terminal: a banner, then line editing through libedit (or plain reading when the
/// terminal is dumb), replies wrapped to the terminal's current width, and a goodbye at the end.
public struct InteractiveChat {
    public var session: ChatSession
    public let environment: [String: String]
    /// Whether every source is shown in full after each reply (`--sources`).
    public let allSources: Bool

    public init(session: ChatSession, environment: [String: String], allSources: Bool = false) {
        self.session = session
        self.environment = environment
        self.allSources = allSources
    }

    /// Chats until the person leaves; returns the exit status (128 + the signal when SIGTERM or
    /// SIGHUP ended it, else 0).
    public mutating func run() -> Int32 {
        let terminalSettings = TerminationSignals.TerminalSettings()
        defer { terminalSettings.restore() }
        TerminationSignals.install()
        TerminationSignals.installInterrupt()
        var output = StandardStream.output
        let terminal = TerminalInfo.current(environment: environment)
        let title = session.assistant.model.knowledge.article.title
        output.write(
            ChatBanner(title: title, recording: session.recordingLocation, home: environment["HOME"])
                .render(width: terminal.columns))
        let paths = StatePaths(environment: environment)
        var historyFile: URL?
        do {
            try paths.prepareFolder()
            historyFile = paths.history
        } catch {
            // Said once, so nobody relies on Up-arrow history that is not being kept.
            var errors = StandardStream.error
            errors.write(TerminalText.escaped("knotbot: history is off for this chat: \(error)") + "\n")
        }
        var reader: any LineReader
        if !terminal.isDumb, terminal.outputIsTerminal,
            let editor = EditLineReader(
                prompt: "you> ",
                historyFile: historyFile, completer: Completer(model: session.assistant.model),
                editrc: EditLineReader.editrcPath(environment: environment))
        {
            reader = editor
        } else {
            reader = PromptingInput(prompt: "you> ")
        }
        let environment = environment
        let allSources = allSources
        let knowledge = session.assistant.model.knowledge
        // Rendered at the terminal's width when the reply is written, so a resize takes effect.
        let loop = TurnLoop(
            after: "\n", goodbyeAtEnd: true,
            render: { reply in
                let terminal = TerminalInfo.current(environment: environment)
                return PlainReplyRenderer(
                    width: terminal.columns, style: terminal.usesColor ? TerminalStyle.ansi : .plain,
                    allSources: allSources, expand: { knowledge.fullSource($0) }
                ).render(reply)
            },
            shouldContinue: { TerminationSignals.received == nil })
        var errors = StandardStream.error
        loop.run(&session, input: &reader, output: &output, errors: &errors)
        return TerminationSignals.received.map { 128 + $0 } ?? 0
    }
}

/// Plain line reading with a printed prompt, for dumb terminals; a line ending in `\` continues.
struct PromptingInput: LineReader {
    let prompt: String
    var input = StandardInput()
    var output = StandardStream.output

    mutating func readLine() -> String? {
        output.write(prompt)
        var joined = ""
        while let line = input.readLine() {
            guard let head = LineContinuation.continued(line) else { return joined + line }
            joined += head
            output.write(String(repeating: " ", count: max(0, prompt.count - 2)) + "> ")
        }
        // Ctrl-C or Ctrl-D: the terminal left the cursor after the prompt (and its "^C"), so the
        // goodbye starts on a line of its own.
        output.write("\n")
        return joined.isEmpty ? nil : joined
    }
}
