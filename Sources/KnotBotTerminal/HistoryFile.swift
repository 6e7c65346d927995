import CEditLine
import Foundation

/// The history file shared by every chat of one user, updated so that sessions running at the same
/// time all keep their lines, and so that a failed or killed write never loses a line already saved.
///
/// Each new line is merged into what is on disk now (not into what this session loaded at start),
/// under an exclusive lock. The result is written to a temporary file, flushed to disk and read back;
/// only when it holds every entry, the new line last, does it replace the file by an atomic rename.
/// libedit reports no failed write (a full disk or a file-size limit left 3 or 457 of 1,000 lines
/// when its file was trusted), so the read-back is what makes a short file impossible.
struct HistoryFile {
    let url: URL
    let size: Int32

    /// A history file larger than this is left as it is, neither read nor rewritten: 1,000 lines of
    /// ordinary questions take about 60 KB, and merging a 100 MB file cost 3 s a turn.
    static let maximumFileBytes = 8 << 20
    /// Lines longer than this (a pasted post) are not kept in the history, so 1,000 of them stay far
    /// below `maximumFileBytes` even once libedit has escaped them.
    static let maximumLineBytes = 2_048

    /// Why the history could not be written.
    enum Problem: Error, Equatable {
        case notPlainFile(String)
        case tooLarge(String)
        case cannotWrite(String, Int32)

        /// One sentence for the person, naming the file.
        var message: String {
            switch self {
            case .notPlainFile(let path): "\(path) is not a plain file (a link or a folder)"
            case .tooLarge(let path): "\(path) is larger than \(HistoryFile.maximumFileBytes >> 20) MB"
            case .cannotWrite(let path, let code): "\(path) cannot be written (\(String(cString: strerror(code))))"
            }
        }
    }

    /// The lock beside the history file; `flock` on the history itself would be lost on each rename.
    private var lockPath: String { url.path + ".lock" }

    /// Adds `line` to the file as it is now.
    func append(_ line: String) -> Result<Void, Problem> {
        guard line.utf8.count <= Self.maximumLineBytes else { return .success(()) }
        let lock = open(lockPath, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard lock >= 0 else {
            return .failure(errno == ELOOP || errno == EISDIR ? .notPlainFile(lockPath) : .cannotWrite(lockPath, errno))
        }
        defer { close(lock) }
        guard Self.isPlainFile(lockPath) else { return .failure(.notPlainFile(lockPath)) }
        fchmod(lock, 0o600)
        guard flock(lock, LOCK_EX) == 0 else { return .failure(.cannotWrite(lockPath, errno)) }
        defer { flock(lock, LOCK_UN) }
        removeAbandonedTemporaries()

        var status = stat()
        let exists = lstat(url.path, &status) == 0
        if exists {
            guard (status.st_mode & S_IFMT) == S_IFREG else { return .failure(.notPlainFile(url.path)) }
            guard Int(status.st_size) <= Self.maximumFileBytes else { return .failure(.tooLarge(url.path)) }
        }
        guard let history = history_init() else { return .failure(.cannotWrite(url.path, ENOMEM)) }
        defer { history_end(history) }
        var event = HistEvent()
        _ = knotbot_history_set_size(history, &event, size)
        _ = knotbot_history_set_unique(history, &event, 1)
        if exists { _ = knotbot_history_load(history, &event, url.path) }
        _ = knotbot_history_enter(history, &event, line)
        let entries = knotbot_history_size(history, &event)

        // libedit's save uses fopen, whose file mode follows the umask: create the file first, 0600
        // and exclusive, so the history is private whatever the umask and no planted file is used.
        let temporary = url.path + ".\(getpid()).tmp"
        unlink(temporary)
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { return .failure(.cannotWrite(temporary, errno)) }
        fchmod(descriptor, 0o600)
        close(descriptor)
        let saved = knotbot_history_save(history, &event, temporary)
        let code = errno
        guard saved >= 0, Self.holdsWhole(temporary, entries: entries, newest: line, size: size) else {
            unlink(temporary)
            return .failure(.cannotWrite(url.path, saved < 0 && code != 0 ? code : ENOSPC))
        }
        guard rename(temporary, url.path) == 0 else {
            let code = errno
            unlink(temporary)
            return .failure(.cannotWrite(url.path, code))
        }
        return .success(())
    }

    /// Whether the file written reads back with every entry and `newest` last, once on disk.
    private static func holdsWhole(_ path: String, entries: Int32, newest: String, size: Int32) -> Bool {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return false }
        let synced = fsync(descriptor) == 0
        close(descriptor)
        guard synced, let check = history_init() else { return false }
        defer { history_end(check) }
        var event = HistEvent()
        _ = knotbot_history_set_size(check, &event, size)
        let loaded = knotbot_history_load(check, &event, path)
        guard loaded == entries, let last = knotbot_history_newest(check, &event) else { return false }
        return String(cString: last) == newest
    }

    /// Removes temporary files a killed save left (`history.<pid>.tmp`, up to the size of the history).
    ///
    /// Every save holds the lock, so under it no other process is writing one.
    private func removeAbandonedTemporaries() {
        let folder = url.deletingLastPathComponent().path
        let prefix = url.lastPathComponent + "."
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return }
        for name in names where name.hasPrefix(prefix) && name.hasSuffix(".tmp") {
            let middle = name.dropFirst(prefix.count).dropLast(4)
            if !middle.isEmpty, middle.allSatisfy(\.isASCII), middle.allSatisfy(\.isNumber) {
                unlink(folder + "/" + name)
            }
        }
    }

    /// Whether `path` is a plain file (not a symlink someone planted, not a folder).
    static func isPlainFile(_ path: String) -> Bool {
        var status = stat()
        return lstat(path, &status) == 0 && (status.st_mode & S_IFMT) == S_IFREG
    }
}
