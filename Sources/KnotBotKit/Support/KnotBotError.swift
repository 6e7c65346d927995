/// Everything that can go wrong in KnotBotKit, typed so the executable can choose the exit code.
public enum KnotBotError: Error, Sendable, Equatable, CustomStringConvertible {
    /// One or more data files (intents, knowledge, red flags, transcripts) are malformed.
    case invalidData([Diagnostic])
    /// A file or folder could not be read or written.
    case io(path: String, reason: String)
    /// The request itself makes no sense (for example an empty question).
    case usage(String)
    /// There was nothing to read where input was expected (a folder with no transcripts).
    case noInput(path: String, reason: String)

    public var description: String {
        switch self {
        case .invalidData(let diagnostics):
            return diagnostics.map(\.description).joined(separator: "\n")
        case .io(let path, let reason), .noInput(let path, let reason):
            return "\(path): \(reason)"
        case .usage(let message):
            return message
        }
    }

    /// The BSD sysexits code for this error: 64 usage, 65 bad data, 66 no input, 74 I/O.
    public var exitCode: Int32 {
        switch self {
        case .usage: 64
        case .invalidData: 65
        case .noInput: 66
        case .io: 74
        }
    }
}
