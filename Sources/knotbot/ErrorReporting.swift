import ArgumentParser
import KnotBotKit
import KnotBotTerminal

extension KnotBotError {
    /// Writes the error to stderr and returns the exit code to leave with.
    ///
    /// One line per problem, `file:line:` first where there is one. The library never prints; this is
    /// the only place that does.
    func report() -> ExitCode {
        var stream = StandardStream.error
        switch self {
        // Messages quote data files, paths and parser output: escaped, none of it can drive the
        // terminal.
        case .invalidData(let diagnostics):
            for diagnostic in diagnostics { stream.write(TerminalText.escaped("\(diagnostic)") + "\n") }
        case .io, .usage, .noInput:
            stream.write(TerminalText.escaped("knotbot: \(self)") + "\n")
        }
        return ExitCode(exitCode)
    }
}
