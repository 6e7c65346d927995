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
            output += "\n" + style.faint("Sources:\n" + reply.sources.map { "  - \($0)\n" }.joined())
        }
        return output
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
