/// Renders a reply for people: the answer, wrapped to the terminal, then its sources.
public struct PlainReplyRenderer: ReplyRenderer {
    /// Wrap lines at this many columns; nil leaves lines as they are (pipes, files).
    public var width: Int?
    /// How the urgent label and the sources are marked; the terminal front end supplies colour.
    public var style: TextStyle

    public init(width: Int? = nil, style: TextStyle = .plain) {
        self.width = width
        self.style = style
    }

    public func render(_ reply: Reply) -> String {
        var text = reply.answer
        if let width, width >= 20 {
            text = Self.wrap(reply.urgent ? "URGENT: " + text : text, width: width)
            if reply.urgent { text.removeFirst("URGENT: ".count) }
        }
        if reply.urgent {
            text = style.urgent("URGENT:") + " " + text
        }
        var output = text + "\n"
        if !reply.sources.isEmpty {
            let lines = reply.sources.map { "  - " + Self.short($0, width: (width ?? 80) - 4) + "\n" }
            output += "\n" + style.faint("Sources:\n" + lines.joined())
        }
        return output
    }

    /// A source on one short line: a URL without its scheme and "www.", anything too long cut with
    /// an ellipsis; `/sources` gives each in full.
    static func short(_ source: String, width: Int) -> String {
        var text = Substring(source)
        for prefix in ["https://", "http://"] where text.hasPrefix(prefix) { text = text.dropFirst(prefix.count) }
        if text.hasPrefix("www.") { text = text.dropFirst(4) }
        let limit = max(width, 20)
        guard text.count > limit else { return String(text) }
        return String(text.prefix(limit - 1)) + "\u{2026}"
    }

    /// Greedy word wrap that keeps existing line breaks and the indentation of list lines.
    static func wrap(_ text: String, width: Int) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            let indent = String(line.prefix { $0 == " " })
            var lines: [String] = []
            var current = ""
            for word in line.split(separator: " ") {
                if current.isEmpty {
                    current = indent + word
                } else if current.count + 1 + word.count <= width {
                    current += " " + word
                } else {
                    lines.append(current)
                    current = indent + "  " + word
                    if indent.isEmpty { current = String(word) }
                }
            }
            lines.append(current)
            return lines.joined(separator: "\n")
        }
        .joined(separator: "\n")
    }
}
