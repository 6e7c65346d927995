public import Foundation

/// Where KnotBot keeps what it stores: `$XDG_STATE_HOME/knotbot`, by default `~/.local/state/knotbot`.
public struct StatePaths: Sendable {
    public var folder: URL

    public init(environment: [String: String]) {
        let base: URL
        if let state = environment["XDG_STATE_HOME"], state.hasPrefix("/") {
            base = URL(fileURLWithPath: state)
        } else {
            let home = environment["HOME"] ?? NSHomeDirectory()
            base = URL(fileURLWithPath: home).appendingPathComponent(".local/state")
        }
        folder = base.appendingPathComponent("knotbot")
    }

    public var history: URL { folder.appendingPathComponent("history") }

    /// Where chats are recorded by default, one file per session.
    public var transcripts: URL { folder.appendingPathComponent("transcripts") }

    /// Creates the folder private to the user (0700), whatever the umask; false when it cannot.
    public func prepareFolder() -> Bool {
        do {
            try FileManager.default.createDirectory(
                at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            try FileManager.default.setAttributes([.posixPermissions: 0o700], ofItemAtPath: folder.path)
            return true
        } catch {
            return false
        }
    }
}
