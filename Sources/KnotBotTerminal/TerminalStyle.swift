public import KnotBotKit

/// The colours KnotBot uses on a terminal: bold red for the urgent label, faint for the sources;
/// in a replay's differences, red for the expected side, green for the actual one, bold labels.
public enum TerminalStyle {
    public static let ansi = TextStyle(
        urgent: { "\u{1B}[1;31m" + $0 + "\u{1B}[0m" }, faint: { "\u{1B}[2m" + $0 + "\u{1B}[0m" })

    /// Red and green as `git diff` colours removed and added text, so the sides read at a glance;
    /// the `[-` `-]` and `{+` `+}` marks stay, since red and green look alike to about 1 man in 12.
    public static let replay = ReplayStyle(
        expected: { "\u{1B}[31m" + $0 + "\u{1B}[0m" }, actual: { "\u{1B}[32m" + $0 + "\u{1B}[0m" },
        label: { "\u{1B}[1m" + $0 + "\u{1B}[0m" })
}
