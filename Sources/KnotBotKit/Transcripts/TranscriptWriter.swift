public import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Appends a transcript to a file, one turn per line, each written to the kernel as it happens.
///
/// A turn is one `write(2)` of a whole line, so killing the process (even with SIGKILL) loses at most
/// the turn in flight. Files are created new (never through a symlink, never over an existing file)
/// and private: 0600 in a 0700 folder, whatever the umask, because they hold health conversations.
public final class TranscriptWriter: TranscriptSink {
    public let path: String
    private var descriptor: Int32
    public private(set) var problem: String?

    private init(path: String, descriptor: Int32) {
        self.path = path
        self.descriptor = descriptor
    }

    deinit {
        if descriptor >= 0 { close(descriptor) }
    }

    /// Creates the transcript file a person named (`--transcript PATH`), refusing a name that
    /// cannot be a new file: empty (it would mean the current folder), ending in `/` (a folder), or
    /// not UTF-8 as given (its bad bytes arrive as U+FFFD, so the file would get another name).
    public static func create(path: String, header: TranscriptHeader) throws(KnotBotError) -> TranscriptWriter {
        guard !path.isEmpty else {
            throw .usage("--transcript: the file name is empty; name a new file, such as --transcript session.jsonl")
        }
        guard !path.hasSuffix("/") else {
            throw .usage(
                "--transcript \(path): names a folder (it ends in /); name a new file, such as \(path)session.jsonl")
        }
        guard !path.unicodeScalars.contains("\u{FFFD}") else {
            throw .usage("--transcript \(path): the file name is not valid UTF-8; KnotBot names files in UTF-8 only")
        }
        return try create(at: URL(fileURLWithPath: path), header: header)
    }

    /// Creates a new transcript file with its header.
    public static func create(at url: URL, header: TranscriptHeader?) throws(KnotBotError) -> TranscriptWriter {
        let folder = url.deletingLastPathComponent()
        if !FileManager.default.fileExists(atPath: folder.path) {
            do {
                try FileManager.default.createDirectory(
                    at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            } catch {
                throw .io(path: folder.path, reason: "cannot create the folder (\(Self.describe(errno)))")
            }
        }
        let descriptor = open(url.path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC | O_APPEND, 0o600)
        guard descriptor >= 0 else {
            let code = errno
            var status = stat()
            if code == EEXIST, lstat(url.path, &status) == 0, status.st_mode & S_IFMT != S_IFREG,
                status.st_mode & S_IFMT != S_IFLNK
            {
                throw .io(
                    path: url.path,
                    reason: "\(DataFile.kind(of: status.st_mode)), not a regular file; a transcript is a new file")
            }
            throw .io(
                path: url.path,
                reason: code == EEXIST
                    ? "already exists; choose another file (a transcript is never overwritten)"
                    : "cannot be created (\(describe(code)))")
        }
        fchmod(descriptor, 0o600)
        let writer = TranscriptWriter(path: url.path, descriptor: descriptor)
        if let header { writer.write(TranscriptFormat.line(header)) }
        if let problem = writer.problem {
            // The file is ours (O_EXCL made it): an empty or half-header file would only refuse the
            // retry (a transcript is never overwritten) and, on a full disk, pile up one per chat.
            writer.discard()
            throw .io(path: url.path, reason: problem)
        }
        return writer
    }

    /// Creates a transcript in `folder`, named by its start time.
    ///
    /// Two sessions that start in the same second get -2, -3, ... added.
    public static func createNew(in folder: URL, header: TranscriptHeader) throws(KnotBotError) -> TranscriptWriter {
        let stem = header.started.replacingOccurrences(of: ":", with: "-")
        var attempt = 1
        while true {
            let name = attempt == 1 ? stem : "\(stem)-\(attempt)"
            let url = folder.appendingPathComponent(name).appendingPathExtension(TranscriptFormat.fileExtension)
            do {
                return try create(at: url, header: header)
            } catch {
                guard FileManager.default.fileExists(atPath: url.path), attempt < 100 else { throw error }
                attempt += 1
            }
        }
    }

    /// Writes a whole transcript to a new file at once (for `/save`); on failure no file is left,
    /// so the same name can be tried again.
    public static func save(_ turns: [TranscriptTurn], header: TranscriptHeader, to url: URL) throws(KnotBotError) {
        let writer = try create(at: url, header: header)
        for turn in turns { writer.record(turn) }
        if let problem = writer.problem {
            writer.discard()
            throw .io(path: url.path, reason: problem)
        }
    }

    /// Replaces a transcript file with new content atomically (a private temporary file renamed over
    /// it), so an interrupted update never leaves half a transcript.
    public static func replace(_ url: URL, with text: String) throws(KnotBotError) {
        let temporary = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).\(getpid()).tmp")
        unlink(temporary.path)
        let writer = try create(at: temporary, header: nil)
        writer.write(text)
        if let problem = writer.problem {
            unlink(temporary.path)
            throw .io(path: url.path, reason: problem)
        }
        guard rename(temporary.path, url.path) == 0 else {
            let reason = describe(errno)
            unlink(temporary.path)
            throw .io(path: url.path, reason: "cannot be replaced (\(reason))")
        }
    }

    /// The turns in the file so far, read back from it.
    public func recordedTurns() throws(KnotBotError) -> [TranscriptTurn] {
        try TranscriptReader.read(contentsOf: URL(fileURLWithPath: path))?.turns ?? []
    }

    public var location: String { path }

    /// Closes and deletes the file, so nothing of the chat stays on disk; later turns go nowhere.
    public func forget() throws(KnotBotError) {
        if descriptor >= 0 { close(descriptor) }
        descriptor = -1
        problem = problem ?? "was deleted by /forget"
        guard unlink(path) == 0 || errno == ENOENT else {
            throw .io(path: path, reason: "cannot be deleted (\(Self.describe(errno)))")
        }
    }

    /// Closes and removes the file this writer created, after a failed write.
    private func discard() {
        if descriptor >= 0 { close(descriptor) }
        descriptor = -1
        unlink(path)
    }

    public func record(_ turn: TranscriptTurn) {
        write(TranscriptFormat.line(turn))
    }

    private func write(_ line: String) {
        guard problem == nil, descriptor >= 0 else { return }
        if let code = FileDescriptor.writeAll(line, to: descriptor) {
            problem = "cannot be written (\(Self.describe(code)))"
        }
    }

    static func describe(_ code: Int32) -> String {
        String(cString: strerror(code)).lowercased()
    }
}
