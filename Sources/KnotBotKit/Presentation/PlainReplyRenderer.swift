/// Renders a reply for people: the answer, wrapped to the terminal, then its sources.
public struct PlainReplyRenderer: ReplyRenderer {
    /// Wrap lines at this many columns; nil leaves lines as they are (pipes, files).
    public var width: Int?
    /// Whether to use ANSI colour (only on a terminal, never with `NO_COLOR`).
    public var color: Bool

    public init(width: Int? = nil, color: Bool = false) {
        self.width = width
        self.color = color
    }

    public func render(_ reply: Reply) -> String {
        var text = reply.answer
        if let width, width >= 20 {
            text = Self.wrap(reply.urgent ? "URGENT: " + text : text, width: width)
            if reply.urgent { text.removeFirst("URGENT: ".count) }
        }
        if reply.urgent {
            text = (color ? "\u{1B}[1;31mURGENT:\u{1B}[0m " : "URGENT: ") + text
        }
        var output = text + "\n"
        if !reply.sources.isEmpty {
            let heading = color ? "\u{1B}[2mSources:" : "Sources:"
            output += "\n\(heading)\n" + reply.sources.map { "  - \($0)\n" }.joined()
            if color { output += "\u{1B}[0m" }
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
