/// How a replay report marks the two sides of a difference and its labels; plain by default.
///
/// Colour is the terminal front end's business (`TerminalStyle.replay` in KnotBotTerminal), so the
/// library emits no escapes. Each mark is applied to text already made safe to print, and never
/// across a line break, so a wrapped line never carries a colour into the next.
public struct ReplayStyle: Sendable {
    /// Marks what only the recording has: removed words, an expected value, the `expected:` label.
    public var expected: @Sendable (String) -> String
    /// Marks what only the replay has: added words, an actual value, the `actual:` label.
    public var actual: @Sendable (String) -> String
    /// Marks the other labels: a field's name and `diff:`.
    public var label: @Sendable (String) -> String

    public init(
        expected: @escaping @Sendable (String) -> String, actual: @escaping @Sendable (String) -> String,
        label: @escaping @Sendable (String) -> String
    ) {
        self.expected = expected
        self.actual = actual
        self.label = label
    }

    /// No marks at all: pipes, files, `NO_COLOR`, dumb terminals.
    public static let plain = ReplayStyle(expected: { $0 }, actual: { $0 }, label: { $0 })
}
