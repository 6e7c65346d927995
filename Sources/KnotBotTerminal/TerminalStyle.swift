public import KnotBotKit

/// The colours a chat on a terminal uses: bold red for the urgent label, faint for the sources.
public enum TerminalStyle {
    public static let ansi = TextStyle(
        urgent: { "\u{1B}[1;31m" + $0 + "\u{1B}[0m" }, faint: { "\u{1B}[2m" + $0 + "\u{1B}[0m" })
}
