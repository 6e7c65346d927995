/// Runs a conversation: reads utterances, answers each in turn, writes the rendered replies.
///
/// Blank lines are skipped; a goodbye ends the session.
public struct ChatSession {
    public let assistant: Assistant
    public let renderer: any ReplyRenderer
    /// Text written between two replies (a blank line for people, nothing for JSON Lines).
    public var separator: String
    public private(set) var state: DialogueState = .start

    public init(assistant: Assistant, renderer: any ReplyRenderer, separator: String = "") {
        self.assistant = assistant
        self.renderer = renderer
        self.separator = separator
    }

    /// Answers one utterance, returning nil for a blank line.
    public mutating func turn(_ line: String) -> Reply? {
        guard !Utterance(line).isEmpty else { return nil }
        let (reply, next) = assistant.respond(to: line, in: state)
        state = next
        return reply
    }

    /// Reads until the input ends or the person says goodbye.
    public mutating func run(input: inout some LineReader, output: inout some TextOutput) {
        var first = true
        while state.phase != .ended, let line = input.readLine() {
            guard let reply = turn(line) else { continue }
            if !first { output.write(separator) }
            output.write(renderer.render(reply))
            first = false
        }
    }
}
