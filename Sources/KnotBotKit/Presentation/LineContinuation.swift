/// How typed lines join into one turn: a trailing `\` continues on the next line, and pasted text
/// of several lines becomes one.
public enum LineContinuation {
    /// The line without its trailing backslash, a space in its place; nil when it does not continue.
    ///
    /// An escaped backslash (two) at the end is text, not a continuation.
    public static func continued(_ line: String) -> String? {
        let trimmed = line.reversed().drop { $0 == " " || $0 == "\t" }
        let backslashes = trimmed.prefix { $0 == "\\" }.count
        guard backslashes % 2 == 1 else { return nil }
        return String(trimmed.dropFirst().reversed()) + " "
    }

    /// Text of several lines as one line: each run of line breaks (and the spaces around them)
    /// becomes one space, and the ends are trimmed.
    public static func oneLine(_ text: String) -> String {
        text.split(whereSeparator: { $0 == "\n" || $0 == "\r" || $0 == "\r\n" })
            .map { String($0).trimmingWhitespace }
            .filter { !$0.isEmpty }
            .joined(separator: " ")
    }
}
