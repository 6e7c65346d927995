/// Renders a reply for people: the answer, wrapped to the terminal, then its sources.
public struct PlainReplyRenderer: ReplyRenderer {
    /// Wrap lines at this many columns; nil leaves lines as they are (pipes, files).
    public var width: Int?
    /// How the urgent label and the sources are marked; the terminal front end supplies colour.
    public var style: TextStyle

    /// Every source in full (`--sources`); otherwise at most `shownSources` short lines.
    public var allSources: Bool
    /// Expands a cited source to its full form for `allSources` (the knowledge's `fullSource`).
    public var expand: @Sendable (String) -> String
    /// What the line after the shortened sources names as the way to see them all.
    public var moreSourcesHint: String

    /// At most this many short source lines follow a reply: four to six full URL lines took half
    /// a 24-line terminal after every answer.
    public static let shownSources = 2

    public init(
        width: Int? = nil, style: TextStyle = .plain, allSources: Bool = false,
        expand: @escaping @Sendable (String) -> String = { $0 }, moreSourcesHint: String = "/sources"
    ) {
        self.width = width
        self.style = style
        self.allSources = allSources
        self.expand = expand
        self.moreSourcesHint = moreSourcesHint
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
            output += "\n" + style.faint(sourceLines(reply.sources))
        }
        return output
    }

    /// "Sources:" and a line for each source shown: all of them in full, wrapped, or the first
    /// `shownSources` cut to one line each and a count of the rest.
    func sourceLines(_ sources: [String]) -> String {
        if allSources {
            let lines = sources.map { "  - " + expand($0) }.joined(separator: "\n")
            let wrapped = width.map { $0 >= 20 ? Self.wrap(lines, width: $0) : lines } ?? lines
            return "Sources:\n" + wrapped + "\n"
        }
        let limit = (width ?? 80) - 4
        var lines = sources.prefix(Self.shownSources).map { "  - " + Self.short($0, width: limit) }
        let rest = sources.count - Self.shownSources
        if rest > 0 {
            lines.append("  (\(rest) more: \(moreSourcesHint))")
        }
        return "Sources:\n" + lines.joined(separator: "\n") + "\n"
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
    ///
    /// A line that fits is kept as it is, so columns padded with spaces (`/help`'s commands) stay
    /// aligned; a longer list line continues two spaces further in.
    public static func wrap(_ text: String, width: Int) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            guard line.count > width else { return String(line) }
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
