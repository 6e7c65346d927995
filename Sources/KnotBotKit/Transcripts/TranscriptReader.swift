public import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Reads transcripts, with `file:line:` for every problem; a half-written last line (a session
/// killed mid-write) is a warning, not a failure.
public enum TranscriptReader {
    /// The longest recorded answer a transcript may hold, in UTF-8 bytes: 64 KB.
    ///
    /// KnotBot's longest answer is under 1 KB, so only a damaged or hand-made file reaches this, and
    /// it keeps what a replay holds and diffs small (a 5 MB answer once took 3.5 GB to diff).
    public static let answerLimit = 65_536

    /// The biggest transcript file read, in bytes: 64 MiB.
    ///
    /// The repository's biggest transcript is 15 KB; 64 MiB holds some 50,000 turns, more than any
    /// chat, and reading that much takes about 210 MB. A bigger file (a log named `.jsonl`; a 100 GB
    /// sparse file once crashed the replay asking for 100 GB at once) cannot be read (74) rather
    /// than exhaust memory.
    public static let fileLimit = 64 << 20

    /// Reads a transcript file; nil for a file of zero bytes (a session that recorded nothing, say on
    /// a full disk), which holds no test.
    ///
    /// Invalid UTF-8 in an unfinished last line (a session killed in the middle of a character) is
    /// the same warning as any half-written last line; anywhere else it is an error naming the line.
    public static func read(
        contentsOf url: URL, upgrades: TranscriptUpgrade = .shipped
    ) throws(KnotBotError) -> Transcript? {
        var bytes = try DataFile.bytes(of: url, limit: fileLimit)
        guard !bytes.isEmpty else { return nil }
        let newline = UInt8(ascii: "\n")
        var cutLine: Int?
        if bytes.last != newline, let lastNewline = bytes.lastIndex(of: newline),
            String(validating: bytes[(lastNewline + 1)...], as: UTF8.self) == nil
        {
            bytes.removeSubrange((lastNewline + 1)...)
            cutLine = bytes.reduce(1) { $1 == newline ? $0 + 1 : $0 }
        }
        // The bytes are let go before parsing, so a big file is not held twice.
        let file = try DataFile.decode(consume bytes, path: url.path)
        var transcript = try read(file, upgrades: upgrades)
        if let cutLine { transcript.warnings.append(incomplete(url.path, line: cutLine)) }
        return transcript
    }

    /// Reads a transcript; one in an older format goes through `upgrades` line by line first, so it
    /// reads as the current format (its header keeps the format it was written in).
    public static func read(_ file: DataFile, upgrades: TranscriptUpgrade = .shipped) throws(KnotBotError)
        -> Transcript
    {
        let lines = file.text.split(separator: "\n", omittingEmptySubsequences: false)
        let endsCleanly = file.text.hasSuffix("\n")
        func fail(_ line: Int?, _ message: String) -> KnotBotError {
            .invalidData([Diagnostic(file: file.path, line: line, message: message)])
        }
        guard let first = lines.first, !first.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw fail(1, "is empty: a transcript starts with a header line")
        }
        let decoder = JSONDecoder()
        let notHeader = "the first line is not a transcript header (is this a KnotBot transcript?)"
        guard let probe = try? decoder.decode(FormatProbe.self, from: Data(first.utf8)), probe.type == "header" else {
            throw fail(1, notHeader)
        }
        let format = probe.format
        guard format <= upgrades.current else {
            throw fail(
                1, "transcript format \(format) is newer than this KnotBot reads (\(upgrades.current)); update KnotBot")
        }
        guard format >= upgrades.oldest else {
            throw fail(1, "transcript format \(format) is not supported; re-record it")
        }
        guard let headerData = upgrades.upgrade(line: first, from: format),
            var header = try? decoder.decode(TranscriptHeader.self, from: headerData), header.type == "header"
        else {
            throw fail(1, notHeader)
        }
        header.format = format
        var turns: [TranscriptTurn] = []
        var warnings: [Diagnostic] = []
        if format < upgrades.current {
            warnings.append(
                Diagnostic(
                    file: file.path, line: 1, severity: .warning,
                    message:
                        "is in transcript format \(format), upgraded to \(upgrades.current) as read; `knotbot replay --update` rewrites it"
                ))
        }
        for (index, line) in lines.enumerated().dropFirst() {
            let number = index + 1
            if line.trimmingCharacters(in: .whitespaces).isEmpty { continue }
            do {
                let data = upgrades.upgrade(line: line, from: format) ?? Data(line.utf8)
                let turn = try decoder.decode(TranscriptTurn.self, from: data)
                guard turn.type == "turn" else { throw fail(number, "expected a turn, found '\(turn.type)'") }
                guard (0...1).contains(turn.reply.confidence) else {
                    throw fail(number, "the reply's confidence \(turn.reply.confidence) is not between 0 and 1")
                }
                let answerBytes = turn.reply.answer.utf8.count
                guard answerBytes <= answerLimit else {
                    throw fail(
                        number,
                        "the answer is \(answerBytes) bytes; a transcript answer holds at most \(answerLimit) (64 KB)")
                }
                turns.append(turn)
            } catch let error as KnotBotError {
                throw error
            } catch {
                let isLast = index == lines.count - 1
                if isLast && !endsCleanly {
                    warnings.append(incomplete(file.path, line: number))
                    continue
                }
                throw fail(number, "is not a valid transcript turn (\(Self.reason(error)))")
            }
        }
        return Transcript(path: file.path, header: header, turns: turns, warnings: warnings)
    }

    /// The two header keys every format has, read before the header is upgraded.
    private struct FormatProbe: Decodable {
        var format: Int
        var type: String
    }

    static func incomplete(_ path: String, line: Int) -> Diagnostic {
        Diagnostic(
            file: path, line: line, severity: .warning,
            message: "the last line is incomplete (the session was cut off); it was skipped")
    }

    /// Every transcript under the paths: files as given, folders searched for `*.jsonl`, sorted.
    ///
    /// Anything that keeps a transcript from being read is an I/O error naming its path: a folder or
    /// subfolder that cannot be listed, a name that is not UTF-8. An entry named `*.jsonl` that is
    /// not a regular file (a folder, a FIFO, a dangling link) is listed, and reading it reports it.
    /// A folder with no transcripts is a no-input error, raised only once every path has been
    /// looked at, so that a path that cannot be read is the error (74) in whatever order they come.
    public static func files(at paths: [String]) throws(KnotBotError) -> [URL] {
        var found: [URL] = []
        var empty: KnotBotError?
        for path in paths {
            var status = stat()
            guard stat(path, &status) == 0 else {
                let code = errno
                var link = stat()
                if code == ENOENT, lstat(path, &link) == 0 {
                    throw .io(path: path, reason: "is a symbolic link to a file that does not exist")
                }
                // Bytes that are not UTF-8 reach a Swift string as U+FFFD, naming another path.
                let missing =
                    path.unicodeScalars.contains("\u{FFFD}")
                    ? "no such file or folder (is its name valid UTF-8? KnotBot reads UTF-8 paths only)"
                    : "no such file or folder"
                throw .io(
                    path: path, reason: code == ENOENT ? missing : "cannot be read (\(DataFile.describe(code)))")
            }
            let url = URL(fileURLWithPath: path)
            guard status.st_mode & S_IFMT == S_IFDIR else {
                found.append(url)
                continue
            }
            var inFolder: [URL] = []
            try collect(in: url, into: &inFolder)
            if inFolder.isEmpty, empty == nil {
                empty = .noInput(path: path, reason: "holds no transcripts (*.\(TranscriptFormat.fileExtension))")
            }
            found += inFolder.sorted { $0.path < $1.path }
        }
        if let empty { throw empty }
        return found
    }

    /// Adds the transcripts in `folder` and its subfolders (symbolic links to folders are not
    /// followed, so a link loop cannot trap the search).
    private static func collect(in folder: URL, into found: inout [URL]) throws(KnotBotError) {
        guard let directory = opendir(folder.path) else {
            throw .io(path: folder.path, reason: "cannot be read (\(DataFile.describe(errno)))")
        }
        defer { closedir(directory) }
        let suffix = Array(("." + TranscriptFormat.fileExtension).utf8)
        var folders: [URL] = []
        while true {
            errno = 0
            guard let entry = readdir(directory) else {
                if errno != 0 {
                    throw .io(path: folder.path, reason: "cannot be read (\(DataFile.describe(errno)))")
                }
                break
            }
            let bytes = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                Array(raw.prefix { $0 != 0 })
            }
            if bytes == [0x2E] || bytes == [0x2E, 0x2E] { continue }
            let isTranscript = bytes.count > suffix.count && bytes.suffix(suffix.count).elementsEqual(suffix)
            var status = stat()
            let child = folder.appendingPathComponent(readable(bytes))
            let name = bytes.map { CChar(bitPattern: $0) } + [0]
            let isFolder =
                !isTranscript && fstatat(dirfd(directory), name, &status, AT_SYMLINK_NOFOLLOW) == 0
                && status.st_mode & S_IFMT == S_IFDIR
            guard isTranscript || isFolder else { continue }
            guard String(validating: bytes, as: UTF8.self) != nil else {
                throw .io(path: child.path, reason: "has a name that is not valid UTF-8; rename it")
            }
            if isTranscript { found.append(child) } else { folders.append(child) }
        }
        for subfolder in folders { try collect(in: subfolder, into: &found) }
    }

    /// A file name for messages: its bytes as UTF-8, each byte that is not written `\xFF`.
    static func readable(_ bytes: [UInt8]) -> String {
        var result = ""
        var iterator = bytes.makeIterator()
        var parser = Unicode.UTF8.ForwardParser()
        var offset = 0
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let encoded):
                result.unicodeScalars.append(Unicode.UTF8.decode(encoded))
                offset += encoded.count
            case .error(let length):
                for byte in bytes[offset..<offset + length] {
                    result += "\\x" + (byte < 0x10 ? "0" : "") + String(byte, radix: 16, uppercase: true)
                }
                offset += length
            case .emptyInput:
                return result
            }
        }
    }

    private static func reason(_ error: any Error) -> String {
        switch error {
        case DecodingError.keyNotFound(let key, _): "missing '\(key.stringValue)'"
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
            "wrong type at '\(context.codingPath.map(\.stringValue).joined(separator: "."))'"
        case DecodingError.dataCorrupted: "not JSON"
        default: "not JSON"
        }
    }
}
