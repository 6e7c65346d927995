public import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The chats recorded in a folder (`knotbot transcripts`): what each was, newest first, and pruning
/// of old ones.
public struct RecordedChats: Sendable {
    /// One recorded chat.
    public struct Entry: Sendable, Hashable {
        public var path: String
        /// When the chat started, from its header ("2026-11-30T17:33:50Z"); the file's time if the
        /// header cannot be read.
        public var started: String
        /// When the file was last written, in seconds since 1970.
        public var modified: Int
        /// Turns recorded, commands included; nil when the file cannot be read as a transcript.
        public var turns: Int?
        /// The first thing typed that was not a command, cut to 60 characters.
        public var firstQuestion: String?
        /// Why the file could not be read, when it could not.
        public var problem: String?
    }

    public let folder: URL

    public init(folder: URL) {
        self.folder = folder
    }

    /// Every `*.jsonl` file in the folder, newest first (by start, then name); none when the folder
    /// does not exist yet.
    public func list() throws(KnotBotError) -> [Entry] {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        } catch let error as CocoaError where error.code == .fileReadNoSuchFile {
            return []
        } catch {
            throw .io(path: folder.path, reason: "cannot be listed")
        }
        let suffix = "." + TranscriptFormat.fileExtension
        return names.filter { $0.hasSuffix(suffix) }.map { entry(folder.appendingPathComponent($0)) }
            .sorted { $0.started != $1.started ? $0.started > $1.started : $0.path > $1.path }
    }

    /// Deletes the recorded chats last written more than `days` days before `now`; returns them.
    public func prune(olderThanDays days: Int, now: Int) throws(KnotBotError) -> [Entry] {
        let cutoff = now - days * 86_400
        var deleted: [Entry] = []
        for entry in try list() where entry.modified < cutoff {
            guard unlink(entry.path) == 0 else {
                throw .io(path: entry.path, reason: "cannot be deleted (\(String(cString: strerror(errno))))")
            }
            deleted.append(entry)
        }
        return deleted
    }

    private func entry(_ url: URL) -> Entry {
        var status = stat()
        let modified = stat(url.path, &status) == 0 ? Int(status.st_mtim.tv_sec) : 0
        var entry = Entry(
            path: url.path, started: UTCTimestamp.format(secondsSince1970: modified), modified: modified)
        do {
            guard let transcript = try TranscriptReader.read(contentsOf: url) else {
                entry.turns = 0
                return entry
            }
            entry.started = transcript.header.started.isEmpty ? entry.started : transcript.header.started
            entry.turns = transcript.turns.count
            if let first = transcript.turns.first(where: { SlashCommand.parse($0.utterance) == nil }) {
                let text = first.utterance
                entry.firstQuestion = text.count > 60 ? String(text.prefix(59)) + "\u{2026}" : text
            }
        } catch {
            entry.problem = "\(error)"
        }
        return entry
    }
}
