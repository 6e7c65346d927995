/// A conversation: reads utterances, answers each in turn through the dialogue, handles `/commands`.
///
/// Blank lines are skipped; a goodbye or `/quit` ends the session.
public struct ChatSession {
    public let assistant: Assistant
    public let renderer: any ReplyRenderer
    /// Text written between two replies (a blank line for people, nothing for JSON Lines).
    public var separator: String
    public private(set) var state: DialogueState = .start
    /// The last reply to an utterance (not to a command), for `/why` and `/sources`.
    public private(set) var lastReply: Reply?

    public init(assistant: Assistant, renderer: any ReplyRenderer, separator: String = "") {
        self.assistant = assistant
        self.renderer = renderer
        self.separator = separator
    }

    /// Whether the person has ended the session.
    public var hasEnded: Bool { state.phase == .ended }

    /// Answers one line, returning nil for a blank line.
    public mutating func turn(_ line: String) -> Reply? {
        let utterance = Utterance(line)
        guard !utterance.isEmpty else { return nil }
        if let parsed = SlashCommand.parse(utterance.text) {
            return run(parsed)
        }
        let (reply, next) = assistant.respond(to: utterance, in: state)
        state = next
        lastReply = reply
        return reply
    }

    /// Ends the session as `/quit` does (end of input, Ctrl-C on an empty line), with a goodbye.
    public mutating func end() -> Reply {
        run(.command(.quit))
    }

    /// Reads until the input ends or the person says goodbye.
    public mutating func run(input: inout some LineReader, output: inout some TextOutput) {
        var first = true
        while !hasEnded, let line = input.readLine() {
            guard let reply = turn(line) else { continue }
            if !first { output.write(separator) }
            output.write(renderer.render(reply))
            first = false
        }
    }

    private mutating func run(_ parsed: SlashCommand.Parsed) -> Reply {
        func reply(_ text: String) -> Reply {
            Reply(answer: text, understood: true, intent: nil, confidence: 1)
        }
        let model = assistant.model
        switch parsed {
        case .unknown(let name):
            return Reply(
                answer: "Unknown command \(name). Commands: \(SlashCommand.list).", understood: false, intent: nil,
                confidence: 0)
        case .command(.help):
            let help = model.intent(DialogueEngine.helpIntent)?.reply ?? ""
            let commands = SlashCommand.allCases.map { "  /\($0.rawValue)  \($0.summary)" }.joined(separator: "\n")
            return reply(help + "\n\nCommands:\n" + commands)
        case .command(.topics):
            let topics = model.intents.filter(\.isKnowledge).map { "  - \($0.summary)" }.joined(separator: "\n")
            return reply("I can answer questions on:\n" + topics)
        case .command(.reset):
            let remembered = state.redFlagSymptoms
            state = DialogueState(redFlagSymptoms: remembered)
            lastReply = nil
            return reply(
                remembered.isEmpty
                    ? "OK, I've forgotten our conversation. What would you like to know?"
                    : "OK, I've forgotten our conversation, except the warning sign you mentioned. What would you like to know?"
            )
        case .command(.why):
            guard let explanation = lastReply?.explanation else {
                return reply("There is nothing to explain yet: ask me something first.")
            }
            return reply("Why I answered that way:\n" + ExplanationRenderer().render(explanation))
        case .command(.sources):
            guard let last = lastReply else { return reply("There are no sources yet: ask me something first.") }
            guard !last.sources.isEmpty else { return reply("My last answer had no sources: it was in my own words.") }
            let lines = last.sources.map { "  - " + fullSource($0) }.joined(separator: "\n")
            return reply("Sources of my last answer:\n" + lines)
        case .command(.quit):
            state.phase = .ended
            let goodbye = model.intent("goodbye")?.reply ?? "Goodbye."
            return Reply(answer: goodbye, understood: true, intent: nil, confidence: 1, endsSession: true)
        }
    }

    /// A source string expanded with what the knowledge knows of it (article title and author,
    /// supplement source titles).
    private func fullSource(_ source: String) -> String {
        let article = assistant.model.knowledge.article
        if source.hasPrefix("Article: ") {
            let section = source.dropFirst("Article: ".count)
            return "\"\(article.title)\" by \(article.author), section \"\(section)\""
        }
        for fact in assistant.model.knowledge.facts {
            if let match = fact.sources.first(where: { $0.citation == source }), let url = match.url {
                return "\(match.title): \(url) (supplement, not the article)"
            }
        }
        return source
    }
}
