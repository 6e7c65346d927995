/// Where a session's utterances come from: a terminal line editor, a pipe, or a test's script.
public protocol LineReader {
    /// The next line without its newline, or nil at the end of input.
    mutating func readLine() -> String?
}

/// Lines from an array, for tests and for one-shot questions.
public struct ScriptedLines: LineReader {
    private var lines: [String]

    public init(_ lines: [String]) {
        self.lines = lines.reversed()
    }

    public mutating func readLine() -> String? {
        lines.popLast()
    }
}
