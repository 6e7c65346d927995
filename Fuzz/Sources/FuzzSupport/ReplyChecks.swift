import Foundation
public import KnotBotKit

/// Invariants on a reply the assistant gives and on every way KnotBot prints it.
public enum ReplyChecks {
    /// The keys of the JSON contract, exactly (README: "The JSON object has exactly these keys").
    static let jsonKeys: Set<String> = ["answer", "understood", "urgent", "sources", "intent", "confidence"]
    /// The narrowest width the plain renderer wraps at, an odd one, and a common terminal's.
    static let widths = [20, 41, 80]
    /// The escape sequences the colour renderer writes itself; any other escape is an injection.
    static let ownEscapes = ["\u{1B}[1;31m", "\u{1B}[0m", "\u{1B}[2m"]

    /// Requires the reply to say something, with a confidence between 0 and 1, consistent with the
    /// state the dialogue moved to.
    public static func requireSound(_ reply: Reply, after state: DialogueState, _ what: String) {
        require(reply.answer.contains { !$0.isWhitespace }, "\(what): the answer is empty: \(reply)")
        require(
            reply.confidence.isFinite && (0...1).contains(reply.confidence),
            "\(what): confidence \(reply.confidence) is not between 0 and 1")
        require(!reply.endsSession || state.phase == .ended, "\(what): a goodbye left the session in \(state.phase)")
        require(
            !reply.urgent || state.phase == .afterRedFlag,
            "\(what): urgent advice left the session in \(state.phase), not afterRedFlag")
        if let intent = reply.intent, intent != "red_flag" {
            require(Fixture.model.intent(intent) != nil, "\(what): the reply names an unknown intent '\(intent)'")
        }
    }

    /// Replies already checked, without their explanation.
    ///
    /// Most turns give one of a few hundred replies (an intent's answer, the fallback), and checking
    /// the same reply again would take most of each input's time. A reply is still checked the first
    /// time it is seen, so a crash input reproduces on its own in a fresh process. libFuzzer runs
    /// inputs one at a time on one thread, so nothing else touches this.
    nonisolated(unsafe) private static var checked: Set<Reply> = []

    /// Requires every renderer's output to be safe on a terminal, and the JSON to be the contract.
    public static func requireRenderable(_ reply: Reply, _ what: String) {
        let explained = ExplainingRenderer(base: PlainReplyRenderer(width: 80)).render(reply)
        TerminalSafety.requireSafe(explained, "\(what) (with /why explanation)")
        var key = reply
        key.explanation = nil
        if checked.count > 100_000 { checked.removeAll() }
        guard checked.insert(key).inserted else { return }
        requireJSONContract(reply, what)
        requirePlain(reply, width: nil, what)
        for width in widths { requirePlain(reply, width: width, what) }
        requireColour(reply, what)
    }

    /// Requires the JSON rendering to be one line that parses to exactly the documented keys and
    /// decodes back to the same reply.
    static func requireJSONContract(_ reply: Reply, _ what: String) {
        let line = JSONReplyRenderer().render(reply)
        require(
            line.hasSuffix("\n") && !line.dropLast().contains("\n"),
            "\(what): the JSON reply is not a single line: \(line.debugDescription)")
        TerminalSafety.requireSafe(line, "\(what) (JSON)")
        let data = Data(line.utf8)
        guard let object = try? JSONSerialization.jsonObject(with: data), let fields = object as? [String: Any]
        else {
            require(false, "\(what): the JSON reply does not parse as an object: \(line.debugDescription)")
            return
        }
        // A clarifying question adds `clarify` and `options`; every other reply has exactly the six.
        let expected = reply.isClarification ? jsonKeys.union(["clarify", "options"]) : jsonKeys
        require(Set(fields.keys) == expected, "\(what): the JSON reply has keys \(fields.keys.sorted())")
        guard let decoded = try? JSONDecoder().decode(Reply.self, from: data) else {
            require(false, "\(what): the JSON reply does not decode as a Reply: \(line.debugDescription)")
            return
        }
        require(
            decoded.answer == reply.answer && decoded.understood == reply.understood && decoded.urgent == reply.urgent
                && decoded.sources == reply.sources && decoded.intent == reply.intent
                && decoded.confidence == reply.confidence,
            "\(what): the JSON reply decodes to a different reply: \(line.debugDescription)")
    }

    /// Requires the plain rendering to be safe and, when wrapped, to keep every word in order and
    /// break every line that has room to break.
    static func requirePlain(_ reply: Reply, width: Int?, _ what: String) {
        let context = "\(what) (plain, width \(width.map(String.init) ?? "none"))"
        let rendered = PlainReplyRenderer(width: width).render(reply)
        require(rendered.hasSuffix("\n"), "\(context): the output does not end in a newline")
        TerminalSafety.requireSafe(rendered, context)
        guard let width else { return }
        // The answer alone: sources are listed unwrapped after it.
        var bare = reply
        bare.sources = []
        var answer = PlainReplyRenderer(width: width).render(bare)
        answer.removeLast()
        if reply.urgent {
            require(answer.hasPrefix("URGENT: "), "\(context): urgent advice does not start with URGENT:")
            answer.removeFirst("URGENT: ".count)
        }
        require(
            words(of: answer) == words(of: reply.answer),
            "\(context): wrapping changed the words: \(answer.debugDescription)")
        for line in answer.split(separator: "\n") where line.count > width {
            require(
                !line.drop { $0 == " " }.contains(" "),
                "\(context): a \(line.count)-column line holds more than one word: \(line.debugDescription)")
        }
    }

    /// Requires the colour rendering to be the plain one plus the renderer's own escapes, nothing else.
    static func requireColour(_ reply: Reply, _ what: String) {
        // The terminal's colours, from the escapes the check allows.
        let colour = TextStyle(
            urgent: { ownEscapes[0] + $0 + ownEscapes[1] }, faint: { ownEscapes[2] + $0 + ownEscapes[1] })
        var stripped = PlainReplyRenderer(width: 80, style: colour).render(reply)
        for escape in ownEscapes { stripped = stripped.replacingOccurrences(of: escape, with: "") }
        TerminalSafety.requireSafe(stripped, "\(what) (colour, own escapes removed)")
        require(
            stripped == PlainReplyRenderer(width: 80).render(reply),
            "\(what): the colour rendering differs from the plain one by more than colour")
    }

    private static func words(of text: String) -> [Substring] {
        text.split(whereSeparator: \.isWhitespace)
    }
}
