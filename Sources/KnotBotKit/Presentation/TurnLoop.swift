/// The one read-answer-render loop: a chat on a terminal, piped lines and a one-shot question all go
/// through it, so they cannot drift apart.
///
/// The session decides the replies; the loop only reads lines, renders each reply and writes it, and
/// reports a recording problem once. What differs between front ends is data: the text between and
/// after replies, whether the end of input says goodbye, and when to stop early (a signal).
public struct TurnLoop {
    /// Written before every reply but the first (a blank line between piped replies).
    public var between: String
    /// Written after every reply (a chat's blank line before the next prompt).
    public var after: String
    /// Whether running out of input ends the session with its goodbye (a chat does; a pipe does not).
    public var goodbyeAtEnd: Bool
    /// Renders one reply; asked each time, so a terminal's width can change between turns.
    public var render: (Reply) -> String
    /// Asked before each read: false ends the loop as if input had run out.
    public var shouldContinue: () -> Bool
    /// Whether a goodbye followed by more input says, on `errors`, that the rest was not answered
    /// (piped questions: the lines after "bye" used to vanish without a word).
    public var reportsUnreadInput: Bool

    public init(
        between: String = "", after: String = "", goodbyeAtEnd: Bool = false, render: @escaping (Reply) -> String,
        shouldContinue: @escaping () -> Bool = { true }, reportsUnreadInput: Bool = false
    ) {
        self.reportsUnreadInput = reportsUnreadInput
        self.between = between
        self.after = after
        self.goodbyeAtEnd = goodbyeAtEnd
        self.render = render
        self.shouldContinue = shouldContinue
    }

    /// Reads until the input ends, the loop is told to stop, or the person says goodbye; returns how
    /// many replies were written (the goodbye at the end not counted).
    @discardableResult
    public func run(
        _ session: inout ChatSession, input: inout some LineReader, output: inout some TextOutput,
        errors: inout some TextOutput
    ) -> Int {
        var written = 0
        var lineNumber = 0
        while !session.hasEnded {
            guard shouldContinue(), let line = input.readLine() else {
                if goodbyeAtEnd { output.write(render(session.end())) }
                return written
            }
            lineNumber += 1
            guard let reply = session.turn(line) else { continue }
            if written > 0 { output.write(between) }
            output.write(render(reply) + after)
            written += 1
            if let problem = session.takeRecordingProblem() { errors.write(problem) }
        }
        // One more line is read, not the rest: a writer that never closes the pipe must not keep
        // KnotBot waiting after the goodbye.
        if reportsUnreadInput, session.hasEnded, let next = input.readLine() {
            let more =
                next.trimmingWhitespace.isEmpty
                ? "" : " (the next was \"\(TerminalText.escaped(String(next.prefix(40))))\")"
            errors.write(
                "knotbot: the conversation ended with the goodbye on input line \(lineNumber); "
                    + "the lines after it were not answered\(more)\n")
        }
        return written
    }
}
