import Yams

/// Reads one YAML data file into typed values through Yams, recording every problem with its line.
///
/// Data files are validated by walking Yams' node tree rather than through `Decodable`, because a
/// maintainer needs the line of an unknown key or a wrong type, and decoding errors lose it.
struct YAMLReader {
    /// The most aliases (`*name`) a data file may use.
    ///
    /// An alias repeats a node without its text, so a 91 KB intent file with one long example aliased
    /// 10,000 times made 10,000 examples, and took 45 s and 250 MB to train on. KnotBot's own files
    /// use none; 100 leaves room to share a list or two, and bounds what aliases can add to a file.
    static let maximumAliases = 100

    /// The most characters any text in a data file may have (an answer, a summary, a fact).
    ///
    /// The longest in KnotBot's files is 865 characters; a composed answer is cut at 900.
    static let maximumTextLength = 4_000

    /// The most characters of data a message quotes; longer text is cut with "...".
    static let maximumQuote = 60

    let path: String
    private(set) var diagnostics: [Diagnostic] = []

    /// Lines in the text being read, so an error reported past the end can be put on the last one.
    private var lineCount = 1

    init(path: String) {
        self.path = path
    }

    /// Parses the text; a syntax error becomes a diagnostic at the line Yams reports, and a file with
    /// more than `maximumAliases` aliases is refused before anything reads what they repeat.
    mutating func root(of text: String) -> Node? {
        lineCount = max(
            1, text.split(separator: "\n", omittingEmptySubsequences: false).count - (text.hasSuffix("\n") ? 1 : 0))
        do {
            // The parser owns the anchors, which nodes hold weakly: it must outlive the alias count.
            let parser = try Parser(yaml: text)
            guard let node = try parser.singleRoot() else {
                error("is empty", line: 1)
                return nil
            }
            let withinLimit = withExtendedLifetime(parser) { checkAliases(node, text: text) }
            return withinLimit ? node : nil
        } catch let yamlError as YamlError {
            record(yamlError, text: text)
            return nil
        } catch {
            self.error("is not valid YAML: \(Self.quote("\(error)"))", line: nil)
            return nil
        }
    }

    /// Counts aliases in the composed tree, visiting what each anchor names once, so a nest of
    /// aliases repeating aliases (a "billion laughs") costs no more than the text; false when there
    /// are too many.
    ///
    /// Yams resolves an alias to the anchored node itself, anchor included: the second and later
    /// times a node with a given anchor object turns up, it is an alias.
    private mutating func checkAliases(_ root: Node, text: String) -> Bool {
        var anchored = Set<ObjectIdentifier>()
        var aliases = 0
        var pending = [root]
        while let node = pending.popLast() {
            if let anchor = node.anchor, !anchored.insert(ObjectIdentifier(anchor)).inserted {
                aliases += 1
                if aliases > Self.maximumAliases {
                    error(
                        "uses more than \(Self.maximumAliases) aliases (*\(Self.quote(anchor.rawValue)) and others); "
                            + "write the text out instead of repeating it",
                        line: Self.lineOfAlias(Self.maximumAliases + 1, in: text) ?? Self.line(of: node))
                    return false
                }
                continue
            }
            switch node {
            case .mapping(let mapping):
                for (key, value) in mapping {
                    pending.append(key)
                    pending.append(value)
                }
            case .sequence(let sequence): pending.append(contentsOf: sequence)
            case .scalar, .alias: break
            }
        }
        return true
    }

    /// The line of the `number`th alias (`*name`) in the text, or nil when it cannot be found.
    ///
    /// Used only to place the error: it reads aliases where YAML has them, a `*` starting a node
    /// (after indentation, `- `, `: `, `[`, `{`, `,` or `? `), outside quotes and comments.
    static func lineOfAlias(_ number: Int, in text: String) -> Int? {
        var line = 1
        var count = 0
        var quote: UInt8?
        var inComment = false
        // The last byte on the line that was not a space or tab, 0 at the start of a line.
        var previous: UInt8 = 0
        var last: UInt8 = 0
        for byte in text.utf8 {
            defer { last = byte }
            if byte == UInt8(ascii: "\n") {
                line += 1
                quote = nil
                inComment = false
                previous = 0
                continue
            }
            if inComment { continue }
            if let open = quote {
                if byte == open { quote = nil }
                previous = byte
                continue
            }
            switch byte {
            case UInt8(ascii: " "), UInt8(ascii: "\t"):
                continue
            case UInt8(ascii: "#") where last == UInt8(ascii: " ") || last == UInt8(ascii: "\t") || previous == 0:
                inComment = true
            case UInt8(ascii: "'"), UInt8(ascii: "\""):
                if previous == 0 || Self.startsNode(after: previous) { quote = byte }
            case UInt8(ascii: "*") where previous == 0 || Self.startsNode(after: previous):
                count += 1
                if count == number { return line }
            default:
                break
            }
            previous = byte
        }
        return nil
    }

    private static func startsNode(after byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "-"), UInt8(ascii: ":"), UInt8(ascii: "["), UInt8(ascii: "{"), UInt8(ascii: ","),
            UInt8(ascii: "?"):
            true
        default: false
        }
    }

    /// Data quoted in a message: at most `maximumQuote` characters, so a 10 MB key makes a short line.
    static func quote(_ text: some StringProtocol) -> String {
        text.count > maximumQuote ? String(text.prefix(maximumQuote)) + "..." : String(text)
    }

    // libyaml moves to a new line at the end of the stream, so an error or an empty node there (a
    // file without a final newline, a lone "---") names a line past the last; it belongs to the last.
    mutating func error(_ message: String, line: Int?) {
        diagnostics.append(
            Diagnostic(file: path, line: line.map { min($0, lineCount) }, severity: .error, message: message))
    }

    mutating func warning(_ message: String, line: Int?) {
        diagnostics.append(
            Diagnostic(file: path, line: line.map { min($0, lineCount) }, severity: .warning, message: message))
    }

    var hasErrors: Bool {
        diagnostics.contains { $0.severity == .error }
    }

    /// The entries of a mapping by key, after checking keys against the schema.
    mutating func mapping(
        _ node: Node,
        what: String,
        allowed: Set<String>?,
        required: [String] = []
    ) -> [String: Node]? {
        guard case .mapping(let mapping) = node else {
            error("\(what) must be a mapping of keys to values", line: Self.line(of: node))
            return nil
        }
        var entries: [String: Node] = [:]
        for (keyNode, value) in mapping {
            guard case .scalar(let key) = keyNode else {
                error("\(what) has a key that is not plain text", line: Self.line(of: keyNode))
                continue
            }
            if let allowed, !allowed.contains(key.string) {
                let known = allowed.sorted().joined(separator: ", ")
                error(
                    "unknown key '\(Self.quote(key.string))' in \(what) (known keys: \(known))",
                    line: Self.line(of: keyNode))
                continue
            }
            if entries[key.string] != nil {
                error("key '\(Self.quote(key.string))' appears twice in \(what)", line: Self.line(of: keyNode))
            }
            entries[key.string] = value
        }
        for key in required where entries[key] == nil {
            error("\(what) is missing the required key '\(key)'", line: Self.line(of: node))
        }
        return entries
    }

    /// A non-empty text scalar of at most `maximumLength` characters, holding nothing a terminal
    /// would act on.
    ///
    /// Text from a data file ends up on someone's terminal (an answer in the chat, an example in a lint
    /// warning), so control characters other than line feed and tab, and bidirectional overrides, are
    /// refused here, where the file and line are known; YAML's escapes (`"\e"`, `"\u202E"`) would
    /// otherwise let them through.
    mutating func text(_ node: Node, what: String, maximumLength: Int = maximumTextLength) -> Located<String>? {
        guard case .scalar(let scalar) = node else {
            error("\(what) must be text", line: Self.line(of: node))
            return nil
        }
        let value = scalar.string.trimmingWhitespace
        guard !value.isEmpty else {
            error("\(what) must not be empty", line: Self.line(of: node))
            return nil
        }
        let length = value.unicodeScalars.count
        guard length <= maximumLength else {
            error(
                "\(what) is \(length) characters long; the most is \(maximumLength)", line: Self.line(of: node))
            return nil
        }
        if let unsafe = value.unicodeScalars.first(where: { TerminalText.isUnsafe($0) && $0 != "\n" && $0 != "\t" }) {
            error(
                "\(what) contains \(TerminalText.code(unsafe)), a control character or direction override that "
                    + "would act on the terminal it is shown on",
                line: Self.line(of: node))
            return nil
        }
        return Located(value, line: Self.line(of: node))
    }

    /// A list of non-empty text scalars, each of at most `maximumLength` characters.
    mutating func textList(
        _ node: Node, what: String, maximumLength: Int = maximumTextLength
    ) -> [Located<String>]? {
        guard case .sequence(let sequence) = node else {
            error("\(what) must be a list", line: Self.line(of: node))
            return nil
        }
        return sequence.compactMap { text($0, what: "an item of \(what)", maximumLength: maximumLength) }
    }

    /// The items of a list node.
    mutating func list(_ node: Node, what: String) -> [Node]? {
        guard case .sequence(let sequence) = node else {
            error("\(what) must be a list", line: Self.line(of: node))
            return nil
        }
        return Array(sequence)
    }

    mutating func number(_ node: Node, what: String, in range: ClosedRange<Double>) -> Double? {
        guard case .scalar(let scalar) = node, let value = Double(scalar.string) else {
            error("\(what) must be a number", line: Self.line(of: node))
            return nil
        }
        guard range.contains(value) else {
            error(
                "\(what) must be between \(range.lowerBound.formatted) and \(range.upperBound.formatted)",
                line: Self.line(of: node))
            return nil
        }
        return value
    }

    mutating func bool(_ node: Node, what: String) -> Bool? {
        guard case .scalar(let scalar) = node else {
            error("\(what) must be true or false", line: Self.line(of: node))
            return nil
        }
        switch scalar.string.lowercased() {
        case "true", "yes": return true
        case "false", "no": return false
        default:
            error("\(what) must be true or false", line: Self.line(of: node))
            return nil
        }
    }

    static func line(of node: Node?) -> Int? {
        node?.mark?.line
    }

    private mutating func record(_ yamlError: YamlError, text: String) {
        switch yamlError {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _),
            .composer(_, let problem, let mark, _):
            error("YAML syntax error: \(Self.quote(problem))", line: mark.line)
        case .reader(let problem, let offset, _, _):
            // The offset counts characters (a CRLF is one); the line is the line breaks before it, plus one.
            let line = offset.map { offset in 1 + text.prefix(offset).count { $0 == "\n" || $0 == "\r\n" } }
            error("YAML cannot be read: \(Self.quote(problem))", line: line ?? 1)
        case .duplicatedKeysInMapping(let duplicates, let context):
            // Yams' own message quotes the whole file; this names the key and both lines.
            let key = duplicates.first ?? ""
            let first = context.mark.line
            let second = Self.lineOfRepeatedKey(key, column: context.mark.column, after: first, in: text)
            let others = duplicates.count > 1 ? " (and \(duplicates.count - 1) more repeated keys)" : ""
            error(
                "key '\(Self.quote(key))' appears twice in a mapping\(second == nil ? "" : " (first at line \(first))")\(others)",
                line: second ?? first)
        default:
            error("is not valid YAML: \(Self.quote("\(yamlError)"))", line: nil)
        }
    }

    /// The first line after `line` where `key` (plain or quoted) starts at `column`, followed by a
    /// colon: where a block mapping repeats a key; nil when the repeat is elsewhere (a flow mapping).
    static func lineOfRepeatedKey(_ key: String, column: Int, after line: Int, in text: String) -> Int? {
        var number = 0
        for content in text.split(separator: "\n", omittingEmptySubsequences: false) {
            number += 1
            guard number > line else { continue }
            let scalars = content.unicodeScalars
            guard scalars.count >= column else { continue }
            let start = scalars.index(scalars.startIndex, offsetBy: column - 1)
            let rest = Substring(scalars[start...])
            for form in [key, "\"\(key)\"", "'\(key)'"] where rest.hasPrefix(form) {
                if rest.dropFirst(form.count).drop(while: { $0 == " " || $0 == "\t" }).first == ":" { return number }
            }
        }
        return nil
    }
}

extension Double {
    /// A number without a needless ".0", for messages.
    var formatted: String {
        rounded() == self ? String(Int(self)) : String(self)
    }
}

extension String {
    /// The string without leading and trailing whitespace and newlines.
    var trimmingWhitespace: String {
        var scalars = Substring(self)
        while let first = scalars.first, first.isWhitespace { scalars.removeFirst() }
        while let last = scalars.last, last.isWhitespace { scalars.removeLast() }
        return String(scalars)
    }
}
