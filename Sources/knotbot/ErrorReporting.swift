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
        case .invalidData(let diagnostics):
            for diagnostic in diagnostics { stream.write("\(diagnostic)\n") }
        case .io, .usage, .noInput:
            stream.write("knotbot: \(self)\n")
        }
        return ExitCode(exitCode)
    }
}
