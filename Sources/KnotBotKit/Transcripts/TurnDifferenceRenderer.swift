/// Renders the differences of a replayed turn for people, expected side first, then actual.
///
/// A short field is one line, `intent: expected causes, actual thanks`. The answer and the sources
/// get a line each side, labelled `expected:` and `actual:` and aligned, so the two can be read one
/// above the other; the answer gets a word diff too (`[-removed-] {+added+}`), cut to the words
/// around each change, since both answers are there in full just above it. Every text from a
/// transcript is escaped (`TerminalText`) before the style marks it.
public struct TurnDifferenceRenderer: Sendable {
    /// How the sides and labels are marked; the terminal front end supplies colour.
    public var style: ReplayStyle
    /// Wrap long lines at this many columns, continuation lines aligned under the text; nil leaves
    /// lines as they are (pipes, files, where a line per answer line greps best).
    public var width: Int?

    /// How many common words the diff keeps either side of a change.
    ///
    /// Six words, about a line's third, are enough to find the place in the answers shown above;
    /// an answer runs to 50-300 words, most of them unchanged.
    public static let context = 6
    /// Below this many columns for the text, wrapping would break nearly every word, so lines are
    /// left whole.
    static let narrowest = 20
    /// The fields shown as an `expected:` / `actual:` pair rather than on one line: long texts.
    static let pairedFields: Set<String> = ["answer", "sources"]

    public init(style: ReplayStyle = .plain, width: Int? = nil) {
        self.style = style
        self.width = width
    }

    /// The lines of one difference, each starting with `indent`.
    public func lines(_ difference: TurnDifference, indent: String) -> [String] {
        let name = style.label(difference.field + ":")
        guard Self.pairedFields.contains(difference.field) else {
            let expected = style.expected(TerminalText.escaped(difference.expected))
            let actual = style.actual(TerminalText.escaped(difference.actual))
            return ["\(indent)\(name) expected \(expected), actual \(actual)"]
        }
        // "expected: " is the longest label: every side's text starts in the column after it.
        let inner = indent + "  "
        let column = inner.count + "expected: ".count
        var lines = [indent + name]
        lines += side(difference.expected, label: style.expected("expected:"), labelColumns: 9, indent: inner)
        lines += side(difference.actual, label: style.actual("actual:"), labelColumns: 7, indent: inner)
        if difference.field == "answer" {
            let lead = inner + style.label("diff:") + String(repeating: " ", count: column - inner.count - 5)
            lines += layout(diffTokens(from: difference.expected, to: difference.actual), lead: lead, column: column)
        }
        return lines
    }

    /// One side's text: its own lines kept, each wrapped, all aligned after the label.
    private func side(_ text: String, label: String, labelColumns: Int, indent: String) -> [String] {
        let column = indent.count + "expected: ".count
        let first = indent + label + String(repeating: " ", count: column - indent.count - labelColumns)
        let continued = String(repeating: " ", count: column)
        guard !text.isEmpty else { return [first + "(none)"] }
        var lines: [String] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            // Split at single spaces, so a run of spaces comes back whole when the tokens are joined.
            let tokens = line.split(separator: " ", omittingEmptySubsequences: false).map {
                Token(TerminalText.escaped(String($0)))
            }
            lines += layout(tokens, lead: lines.isEmpty ? first : continued, column: column)
        }
        return lines
    }

    /// The answer's word diff as tokens: each word its own token, so that a wrap never splits a
    /// mark; a run of changed words is marked word by word, its brackets on its first and last.
    private func diffTokens(from expected: String, to actual: String) -> [Token] {
        let segments = WordDiff.segments(from: expected, to: actual)
        let changed = segments.contains {
            switch $0 {
            case .removed, .added: true
            case .same, .note: false
            }
        }
        guard changed else {
            return "(the same words; only the spacing or line breaks differ)".split(separator: " ").map {
                Token(String($0))
            }
        }
        var tokens: [Token] = []
        for segment in WordDiff.elided(segments, context: Self.context) {
            switch segment {
            case .same(let words), .note(let words):
                tokens += words.split(separator: " ").map { Token(TerminalText.escaped(String($0))) }
            case .removed(let words):
                tokens += marked(words, open: "[-", close: "-]", style.expected)
            case .added(let words):
                tokens += marked(words, open: "{+", close: "+}", style.actual)
            }
        }
        return tokens
    }

    private func marked(
        _ words: String, open: String, close: String, _ mark: @Sendable (String) -> String
    ) -> [Token] {
        let split = words.split(separator: " ").map { TerminalText.escaped(String($0)) }
        return split.enumerated().map { index, word in
            let text = (index == 0 ? open : "") + word + (index == split.count - 1 ? close : "")
            return Token(mark(text), columns: text.count)
        }
    }

    /// The tokens one space apart after `lead`, in lines that fit `width`.
    ///
    /// `lead` ends at `column`, and continuation lines start with spaces up to it. A line with no
    /// text loses its trailing spaces.
    private func layout(_ tokens: [Token], lead: String, column: Int) -> [String] {
        let room = width.map { $0 - column } ?? .max
        let wraps = room >= Self.narrowest
        var lines: [String] = []
        var text = ""
        var used = 0
        for (index, token) in tokens.enumerated() {
            if index > 0 {
                if wraps && used > 0 && used + 1 + token.columns > room {
                    lines.append(text)
                    text = ""
                    used = 0
                } else {
                    text += " "
                    used += 1
                }
            }
            text += token.text
            used += token.columns
        }
        lines.append(text)
        let continued = String(repeating: " ", count: column)
        return lines.enumerated().map { index, line in
            let start = index == 0 ? lead : continued
            return line.isEmpty ? String(start.reversed().drop { $0 == " " }.reversed()) : start + line
        }
    }

    /// A word or mark as printed, and the columns it takes without the style's escapes.
    private struct Token {
        var text: String
        var columns: Int

        init(_ text: String, columns: Int? = nil) {
            self.text = text
            self.columns = columns ?? text.count
        }
    }
}
