/// A problem found in a data file, located by file and line so a maintainer can go straight to it.
public struct Diagnostic: Sendable, Hashable, CustomStringConvertible {
    /// How serious a finding is: errors stop loading, warnings only inform.
    public enum Severity: String, Sendable, Hashable {
        case error
        case warning
    }

    /// The file's path as the user named it.
    public var file: String
    /// The 1-based line, when the problem has one.
    public var line: Int?
    public var severity: Severity
    public var message: String

    public init(file: String, line: Int?, severity: Severity = .error, message: String) {
        self.file = file
        self.line = line
        self.severity = severity
        self.message = message
    }

    /// `file:line: error: message`, the shape editors and CI logs link to.
    public var description: String {
        let location = line.map { "\(file):\($0)" } ?? file
        return "\(location): \(severity.rawValue): \(message)"
    }
}
