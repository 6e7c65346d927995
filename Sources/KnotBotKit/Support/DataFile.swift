public import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A data file's path and text, read once.
public struct DataFile: Sendable {
    public var path: String
    public var text: String

    public init(path: String, text: String) {
        self.path = path
        self.text = text
    }

    /// Reads a UTF-8 file, turning any failure into a typed I/O error that names the path.
    ///
    /// Invalid UTF-8 is an error naming the line of the first bad byte.
    public static func read(_ url: URL) throws(KnotBotError) -> DataFile {
        try decode(bytes(of: url), path: url.path)
    }

    /// The bytes of a regular file of at most `limit` bytes; anything else (a folder, a FIFO, a
    /// device, a dangling symbolic link, a file that cannot be opened, a bigger file) is an I/O
    /// error naming the path.
    ///
    /// The file is opened without blocking and checked with `fstat(2)` before it is read, so a FIFO
    /// can never hang the reader waiting for a writer. The limit is checked against the size before
    /// the read and against what was read, so neither a huge (even sparse) file nor one that grows
    /// while it is read can take memory beyond it.
    public static func bytes(of url: URL, limit: Int = .max) throws(KnotBotError) -> [UInt8] {
        let path = url.path
        let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else {
            let code = errno
            var link = stat()
            if code == ENOENT, lstat(path, &link) == 0, link.st_mode & S_IFMT == S_IFLNK {
                throw .io(path: path, reason: "is a symbolic link to a file that does not exist")
            }
            throw .io(path: path, reason: code == ENOENT ? "no such file" : "cannot be read (\(describe(code)))")
        }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            throw .io(path: path, reason: "cannot be read (\(describe(errno)))")
        }
        guard status.st_mode & S_IFMT == S_IFREG else {
            throw .io(path: path, reason: "\(kind(of: status.st_mode)), not a regular file")
        }
        let tooBig = KnotBotError.io(path: path, reason: "is too big to read: over \(limit) bytes")
        let size = Int(status.st_size)
        guard size <= limit else { throw tooBig }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(size)
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = chunk.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
            if count == 0 { break }
            if count < 0 {
                if errno == EINTR { continue }
                throw .io(path: path, reason: "cannot be read (\(describe(errno)))")
            }
            guard bytes.count + count <= limit else { throw tooBig }
            bytes += chunk[..<count]
        }
        return bytes
    }

    /// The text of UTF-8 bytes; invalid UTF-8 is an error naming the line of the first bad byte.
    public static func decode(_ bytes: [UInt8], path: String) throws(KnotBotError) -> DataFile {
        if let text = String(validating: bytes, as: UTF8.self) {
            return DataFile(path: path, text: text)
        }
        // A newline byte is never part of a multi-byte character, so each line can be checked alone.
        let line = bytes.split(separator: 0x0A, omittingEmptySubsequences: false)
            .firstIndex { String(validating: $0, as: UTF8.self) == nil }
        throw .invalidData([
            Diagnostic(file: path, line: line.map { $0 + 1 }, message: "is not valid UTF-8 text")
        ])
    }

    /// What a file that is not a regular file is, for messages.
    static func kind(of mode: mode_t) -> String {
        switch mode & S_IFMT {
        case S_IFDIR: "is a folder"
        case S_IFIFO: "is a FIFO (named pipe)"
        case S_IFCHR, S_IFBLK: "is a device"
        case S_IFSOCK: "is a socket"
        default: "is a special file"
        }
    }

    static func describe(_ code: Int32) -> String {
        String(cString: strerror(code)).lowercased()
    }

    /// Lists the `.yaml` files of a folder in name order, so loading is deterministic.
    public static func yamlFiles(in folder: URL) throws(KnotBotError) -> [URL] {
        try files(in: folder, extension: "yaml")
    }

    /// The files of a folder whose names end in `.extension`, sorted, hidden files left out.
    public static func files(in folder: URL, extension suffix: String) throws(KnotBotError) -> [URL] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory) else {
            throw .io(path: folder.path, reason: "no such folder")
        }
        guard isDirectory.boolValue else {
            throw .io(path: folder.path, reason: "is not a folder")
        }
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        } catch {
            throw .io(path: folder.path, reason: "cannot be read (check its permissions)")
        }
        return
            names
            .filter { $0.hasSuffix("." + suffix) && !$0.hasPrefix(".") }
            .sorted()
            .map { folder.appendingPathComponent($0) }
    }
}
