import Yams

/// Reads one YAML data file into typed values through Yams, recording every problem with its line.
///
/// Data files are validated by walking Yams' node tree rather than through `Decodable`, because a
/// maintainer needs the line of an unknown key or a wrong type, and decoding errors lose it.
struct YAMLReader {
    let path: String
    private(set) var diagnostics: [Diagnostic] = []

    /// Lines in the text being read, so an error reported past the end can be put on the last one.
    private var lineCount = 1

    init(path: String) {
        self.path = path
    }

    /// Parses the text; a syntax error becomes a diagnostic at the line Yams reports.
    mutating func root(of text: String) -> Node? {
        lineCount = max(
            1, text.split(separator: "\n", omittingEmptySubsequences: false).count - (text.hasSuffix("\n") ? 1 : 0))
        do {
            guard let node = try Yams.compose(yaml: text) else {
                error("is empty", line: 1)
                return nil
            }
            return node
        } catch let yamlError as YamlError {
            record(yamlError)
            return nil
        } catch {
            self.error("is not valid YAML: \(error)", line: nil)
            return nil
        }
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
                    "unknown key '\(key.string)' in \(what) (known keys: \(known))",
                    line: Self.line(of: keyNode))
                continue
            }
            if entries[key.string] != nil {
                error("key '\(key.string)' appears twice in \(what)", line: Self.line(of: keyNode))
            }
            entries[key.string] = value
        }
        for key in required where entries[key] == nil {
            error("\(what) is missing the required key '\(key)'", line: Self.line(of: node))
        }
        return entries
    }

    /// A non-empty text scalar.
    mutating func text(_ node: Node, what: String) -> Located<String>? {
        guard case .scalar(let scalar) = node else {
            error("\(what) must be text", line: Self.line(of: node))
            return nil
        }
        let value = scalar.string.trimmingWhitespace
        guard !value.isEmpty else {
            error("\(what) must not be empty", line: Self.line(of: node))
            return nil
        }
        return Located(value, line: Self.line(of: node))
    }

    /// A list of non-empty text scalars.
    mutating func textList(_ node: Node, what: String) -> [Located<String>]? {
        guard case .sequence(let sequence) = node else {
            error("\(what) must be a list", line: Self.line(of: node))
            return nil
        }
        return sequence.compactMap { text($0, what: "an item of \(what)") }
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

    private mutating func record(_ yamlError: YamlError) {
        switch yamlError {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _),
            .composer(_, let problem, let mark, _):
            error("YAML syntax error: \(problem)", line: mark.line)
        case .reader(let problem, _, _, _):
            error("YAML cannot be read: \(problem)", line: nil)
        default:
            error("is not valid YAML: \(yamlError)", line: nil)
        }
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
