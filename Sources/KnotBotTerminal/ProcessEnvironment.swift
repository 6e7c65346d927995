import Foundation

/// The environment variables KnotBot reads, and only those.
///
/// Reading four variables with getenv(3) is cheaper than building a dictionary of the whole
/// environment, which `ProcessInfo` does on first use: a fair share of a one-shot answer's own time.
public enum ProcessEnvironment {
    /// Terminal type (`dumb` turns line editing off), the colour opt-out, where state is kept, and
    /// the line editor's settings file (`$EDITRC`, else `~/.editrc`).
    public static let names = ["TERM", "NO_COLOR", "XDG_STATE_HOME", "HOME", "EDITRC"]

    public static func current() -> [String: String] {
        var values: [String: String] = [:]
        for name in names {
            if let value = getenv(name) { values[name] = String(cString: value) }
        }
        return values
    }
}
