import FuzzSupport
import KnotBotKit

/// The most lines of one input played as turns of a session: enough to reach every dialogue phase
/// (a clarification, its answer, "tell me more" until exhausted), few enough to keep inputs fast.
private let maximumTurns = 24

/// Compiles the model before the first input, so its cost is not timed as an input.
@_cdecl("LLVMFuzzerInitialize")
public func fuzzerInitialize(
    _ argc: UnsafeMutablePointer<CInt>?,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>?
) -> CInt {
    Fixture.warmUp()
    return 0
}

/// Runs one input through the utterance -> reply path, as one question and as a chat session.
///
/// The whole input is asked as a single question (as `knotbot "..."` does); then its lines are the
/// turns of one session (as a pipe into `knotbot` is), so state carries from turn to turn and the
/// `/commands` run too. Every reply is checked and rendered as JSON, plain, wrapped and coloured text.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzUtterance(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let text = FuzzInput.text(data, size)
    requireClean(Utterance(text))
    askOnce(text)
    chat(FuzzInput.lines(data, size))
    return 0
}

/// Requires the cleaned utterance to hold nothing a terminal acts on, within the length limit.
private func requireClean(_ utterance: Utterance) {
    TerminalSafety.requireSafe(utterance.text, allowingNewline: false, "Utterance.text")
    let length = utterance.text.unicodeScalars.count
    require(length <= Utterance.maximumLength, "Utterance.text has \(length) characters, over the limit")
    require(
        utterance.text.first != " " && utterance.text.last != " ",
        "Utterance.text has a leading or trailing space: \(utterance.text.debugDescription)")
}

/// Asks the whole input as one question in a new conversation, twice: the dialogue is documented
/// as a pure function, and transcript replay depends on it.
private func askOnce(_ text: String) {
    let assistant = Fixture.assistant
    let (reply, state) = assistant.respond(to: text, in: .start)
    let again = assistant.respond(to: text, in: .start)
    require(again.reply == reply && again.state == state, "the same question got two different replies")
    ReplyChecks.requireSound(reply, after: state, "one-shot reply")
    ReplyChecks.requireRenderable(reply, "one-shot reply")
}

/// Plays the lines as the turns of one session until it ends, then ends it as end of input does.
private func chat(_ lines: [String]) {
    var session = ChatSession(assistant: Fixture.assistant)
    for (index, line) in lines.prefix(maximumTurns).enumerated() {
        guard !session.hasEnded else { break }
        let what = "session turn \(index + 1)"
        guard let reply = session.turn(line) else {
            require(Utterance(line).isEmpty, "\(what): a line with text got no reply")
            continue
        }
        ReplyChecks.requireSound(reply, after: session.state, what)
        ReplyChecks.requireRenderable(reply, what)
    }
    if !session.hasEnded {
        let goodbye = session.end()
        ReplyChecks.requireSound(goodbye, after: session.state, "end of input")
        require(session.hasEnded, "end of input did not end the session")
    }
}
