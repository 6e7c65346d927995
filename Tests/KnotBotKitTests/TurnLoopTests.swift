import KnotBotKit
import Testing

/// The one loop every front end uses: what it writes between and after replies, the goodbye at the
/// end of input, and stopping early.
@Suite("The turn loop")
struct TurnLoopTests {
    static func run(_ lines: [String], loop: TurnLoop) -> (output: String, written: Int, ended: Bool) {
        var session = ChatSession(assistant: Fixtures.assistant)
        var input = ScriptedLines(lines)
        var output = CapturedOutput()
        var errors = CapturedOutput()
        let written = loop.run(&session, input: &input, output: &output, errors: &errors)
        return (output.text, written, session.hasEnded)
    }

    @Test("piped: a separator between replies, blank lines skipped, no goodbye at the end of input")
    func piped() {
        let result = Self.run(
            ["who wrote it", "", "what is a knot"], loop: TurnLoop(between: "--\n", render: { $0.answer + "\n" }))
        #expect(result.written == 2)
        #expect(result.output.components(separatedBy: "--\n").count == 2)
        #expect(!result.output.contains("Goodbye"))
        #expect(!result.ended)
    }

    @Test("chat: a line after each reply, and the goodbye when input runs out")
    func chat() {
        let result = Self.run(
            ["who wrote it"], loop: TurnLoop(after: "\n", goodbyeAtEnd: true, render: { "[\($0.answer)]" }))
        #expect(result.written == 1)
        #expect(result.output.hasPrefix("[The article was written by Daniel"))
        #expect(result.output.contains("]\n["))
        #expect(result.ended)
    }

    @Test("a goodbye ends the loop; lines after it are not read, and a stop request ends it at once")
    func stopping() {
        let result = Self.run(["bye", "who wrote it"], loop: TurnLoop(render: { $0.answer }))
        #expect(result.written == 1)
        #expect(result.ended)
        let stopped = Self.run(
            ["who wrote it"], loop: TurnLoop(goodbyeAtEnd: true, render: { $0.answer }, shouldContinue: { false }))
        #expect(stopped.written == 0)
        #expect(stopped.ended)
    }
}
