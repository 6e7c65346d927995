import Foundation

/// Renders a reply as one line of JSON: the contract scripts rely on.
///
/// Every line has the six keys of the contract: `answer`, `understood`, `urgent`, `sources`, `intent`
/// and `confidence`. A clarifying question adds `clarify` (true) and `options`; `--json --explain`
/// adds `explanation`. Ordinary lines keep exactly the six, which scripts and tests rely on.
public struct JSONReplyRenderer: ReplyRenderer {
    /// Whether each line carries an `explanation` object.
    public var explains: Bool

    public init(explains: Bool = false) {
        self.explains = explains
    }

    public func render(_ reply: Reply) -> String {
        // A line without an explanation is written directly: JSONEncoder's set-up and its run-time
        // conformance checks cost a one-shot answer 1.4 M instructions (a sixth of start-up's budget)
        // for six keys. The explanation's nested objects stay with JSONEncoder; a test holds the two
        // to the same bytes.
        guard explains, reply.explanation != nil else { return Self.contractLine(reply) }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let line = Line(reply: reply, explanation: explains ? reply.explanation.map(ExplanationJSON.init) : nil)
        guard let data = try? encoder.encode(line), let text = String(data: data, encoding: .utf8) else {
            // Encoding a struct of strings, bools and numbers cannot fail; keep the contract anyway.
            return
                "{\"answer\":\"\",\"confidence\":0,\"intent\":null,\"sources\":[],\"understood\":false,\"urgent\":false}\n"
        }
        return text + "\n"
    }

    /// The contract's keys (and a clarification's two), sorted, as JSONEncoder writes them with
    /// `.sortedKeys` and `.withoutEscapingSlashes`.
    static func contractLine(_ reply: Reply) -> String {
        var line = "{\"answer\":"
        appendString(reply.answer, to: &line)
        if reply.isClarification { line += ",\"clarify\":true" }
        line += ",\"confidence\":"
        line += number(reply.confidence)
        line += ",\"intent\":"
        if let intent = reply.intent { appendString(intent, to: &line) } else { line += "null" }
        if reply.isClarification {
            line += ",\"options\":"
            appendStrings(reply.options, to: &line)
        }
        line += ",\"sources\":"
        appendStrings(reply.sources, to: &line)
        line += reply.understood ? ",\"understood\":true" : ",\"understood\":false"
        line += reply.urgent ? ",\"urgent\":true}\n" : ",\"urgent\":false}\n"
        return line
    }

    /// A number as JSONEncoder writes a Double: its shortest decimal, without a trailing ".0".
    static func number(_ value: Double) -> String {
        guard value.isFinite else { return "0" }
        let text = value.description
        return text.hasSuffix(".0") ? String(text.dropLast(2)) : text
    }

    private static func appendStrings(_ values: [String], to line: inout String) {
        line += "["
        for (index, value) in values.enumerated() {
            if index > 0 { line += "," }
            appendString(value, to: &line)
        }
        line += "]"
    }

    /// A JSON string: quotes, backslashes and control characters escaped, everything else as it is.
    static func appendString(_ value: String, to line: inout String) {
        line += "\""
        var start = value.utf8.startIndex
        var index = start
        let bytes = value.utf8
        while index != bytes.endIndex {
            let byte = bytes[index]
            if byte == 0x22 || byte == 0x5C || byte < 0x20 {
                line.append(contentsOf: value[start..<index])
                switch byte {
                case 0x22: line += "\\\""
                case 0x5C: line += "\\\\"
                case 0x0A: line += "\\n"
                case 0x0D: line += "\\r"
                case 0x09: line += "\\t"
                case 0x08: line += "\\b"
                case 0x0C: line += "\\f"
                default:
                    let hex = String(byte, radix: 16)
                    line += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                }
                index = bytes.index(after: index)
                start = index
            } else {
                index = bytes.index(after: index)
            }
        }
        // `append(contentsOf:)` with a Substring is concrete; `+=` is generic and looks its
        // witnesses up at run time (0.26 M instructions the first time).
        line.append(contentsOf: value[start..<index])
        line += "\""
    }

    /// One line of output: the reply's own keys, then what only JSON readers get.
    struct Line: Encodable {
        let reply: Reply
        let explanation: ExplanationJSON?

        enum CodingKeys: String, CodingKey {
            case clarify, options, explanation
        }

        func encode(to encoder: any Encoder) throws {
            try reply.encode(to: encoder)
            var container = encoder.container(keyedBy: CodingKeys.self)
            if reply.isClarification {
                try container.encode(true, forKey: .clarify)
                try container.encode(reply.options, forKey: .options)
            }
            try container.encodeIfPresent(explanation, forKey: .explanation)
        }
    }
}
