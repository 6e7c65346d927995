/// How a renderer marks the urgent label and the sources; plain by default.
///
/// Colour is the terminal front end's business (`TerminalStyle.ansi` in KnotBotTerminal), so the
/// library emits no escapes.
public struct TextStyle: Sendable {
    /// Marks the "URGENT:" label.
    public var urgent: @Sendable (String) -> String
    /// Marks the sources block, heading and lines.
    public var faint: @Sendable (String) -> String

    public init(urgent: @escaping @Sendable (String) -> String, faint: @escaping @Sendable (String) -> String) {
        self.urgent = urgent
        self.faint = faint
    }

    /// No marks at all: pipes, files, `NO_COLOR`, dumb terminals.
    public static let plain = TextStyle(urgent: { $0 }, faint: { $0 })
}
