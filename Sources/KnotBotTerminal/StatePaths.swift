public import Foundation
public import KnotBotKit

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

    /// Creates the folder private to the user (0700), whatever the umask.
    ///
    /// A folder that is a symbolic link is refused rather than followed: following it would make its
    /// target, wherever it points, 0700 and the place the history is written.
    public func prepareFolder() throws(KnotBotError) {
        var status = stat()
        if lstat(folder.path, &status) == 0, (status.st_mode & S_IFMT) == S_IFLNK {
            throw .io(path: folder.path, reason: "is a symbolic link; KnotBot keeps its state only in a real folder")
        }
        do {
            try FileManager.default.createDirectory(
                at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw .io(path: folder.path, reason: "cannot be created")
        }
        guard chmod(folder.path, 0o700) == 0 else {
            throw .io(path: folder.path, reason: "cannot be made private (0700): \(String(cString: strerror(errno)))")
        }
    }
}
