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
