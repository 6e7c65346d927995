import CEditLine
import Foundation

/// The history file shared by every chat of one user, updated so that sessions running at the same
/// time all keep their lines.
///
/// Each new line is merged into what is on disk now (not into what this session loaded at start),
/// under an exclusive lock, and the result replaces the file by an atomic rename. Two chats therefore
/// never overwrite each other's lines, a killed chat leaves a whole file, and a reader never sees
/// half of one.
struct HistoryFile {
    let url: URL
    let size: Int32

    /// The lock beside the history file; `flock` on the history itself would be lost on each rename.
    private var lockPath: String { url.path + ".lock" }

    /// Adds `line` to the file as it is now; false when the file could not be written.
    @discardableResult
    func append(_ line: String) -> Bool {
        let lock = open(lockPath, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard lock >= 0 else { return false }
        defer { close(lock) }
        fchmod(lock, 0o600)
        guard flock(lock, LOCK_EX) == 0 else { return false }
        defer { flock(lock, LOCK_UN) }

        guard let history = history_init() else { return false }
        defer { history_end(history) }
        var event = HistEvent()
        _ = knotbot_history_set_size(history, &event, size)
        _ = knotbot_history_set_unique(history, &event, 1)
        if Self.isPlainFile(url.path) { _ = knotbot_history_load(history, &event, url.path) }
        _ = knotbot_history_enter(history, &event, line)

        // libedit's save uses fopen, whose file mode follows the umask: create the file first, 0600
        // and exclusive, so the history is private whatever the umask and no planted file is used.
        let temporary = url.path + ".\(getpid()).tmp"
        unlink(temporary)
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { return false }
        fchmod(descriptor, 0o600)
        close(descriptor)
        guard knotbot_history_save(history, &event, temporary) >= 0, rename(temporary, url.path) == 0 else {
            unlink(temporary)
            return false
        }
        return true
    }

    /// Whether `path` is a plain file (not a symlink someone planted, not a folder).
    static func isPlainFile(_ path: String) -> Bool {
        var status = stat()
        return lstat(path, &status) == 0 && (status.st_mode & S_IFMT) == S_IFREG
    }
}
