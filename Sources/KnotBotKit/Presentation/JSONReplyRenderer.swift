import Foundation

/// Renders a reply as one line of JSON: the contract scripts rely on.
public struct JSONReplyRenderer: ReplyRenderer {
    public init() {}

    public func render(_ reply: Reply) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(reply), let line = String(data: data, encoding: .utf8) else {
            // Encoding a struct of strings, bools and numbers cannot fail; keep the contract anyway.
            return
                "{\"answer\":\"\",\"confidence\":0,\"intent\":null,\"sources\":[],\"understood\":false,\"urgent\":false}\n"
        }
        return line + "\n"
    }
}
