import CEditLine

#if canImport(Glibc)
    import Glibc
#endif

/// What the process is connected to: whether its streams are terminals, how wide, colour or not.
public struct TerminalInfo: Sendable {
    public var inputIsTerminal: Bool
    public var outputIsTerminal: Bool
    /// Columns of the terminal on stdout, or nil when it is not a terminal.
    public var columns: Int?
    /// `TERM=dumb` or unset: no line editing or escape codes.
    public var isDumb: Bool
    /// Colour only on a terminal, and never with `NO_COLOR` set.
    public var usesColor: Bool

    /// Reads the current process's situation.
    public static func current(environment: [String: String]) -> TerminalInfo {
        let input = isatty(0) == 1
        let output = isatty(1) == 1
        let term = environment["TERM"] ?? ""
        let dumb = term.isEmpty || term == "dumb"
        let columns = output ? Int(knotbot_terminal_columns()) : 0
        return TerminalInfo(
            inputIsTerminal: input, outputIsTerminal: output, columns: columns > 0 ? columns : nil, isDumb: dumb,
            usesColor: output && !dumb && environment["NO_COLOR"] == nil)
    }
}
