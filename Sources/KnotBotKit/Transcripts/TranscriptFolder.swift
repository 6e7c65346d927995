public import Foundation

/// A folder of transcripts: `/save NAME` writes `NAME.jsonl` there, never over an existing file.
public struct TranscriptFolder: TranscriptStore, Sendable {
    /// The folder's path as given.
    public let path: String

    /// The folder, made only when a chat saves: building a file URL costs a one-shot answer 0.67 M
    /// instructions (Foundation's URL parsing), for a folder it almost never writes to.
    public var folder: URL { URL(fileURLWithPath: path) }

    public init(_ folder: URL) {
        self.path = folder.path
    }

    public init(path: String) {
        self.path = path
    }

    public func save(_ turns: [TranscriptTurn], header: TranscriptHeader, name: String) throws(KnotBotError)
        -> String
    {
        let slug = Self.fileName(name)
        let url = folder.appendingPathComponent(slug).appendingPathExtension(TranscriptFormat.fileExtension)
        try TranscriptWriter.save(turns, header: header, to: url)
        return url.path
    }

    /// The most UTF-8 bytes of a `/save` name: with ".jsonl" it fits the 255-byte file name limit
    /// of Linux file systems (NAME_MAX).
    static let fileNameBytes = 255 - ".jsonl".utf8.count

    /// A safe file name: lower-case letters, digits and dashes, at most 80 characters and
    /// `fileNameBytes` bytes, cut between characters (80 Devanagari syllables can take 960 bytes).
    static func fileName(_ name: String) -> String {
        // "/save x.jsonl" names the file x.jsonl, as a person typing the extension means, not x-jsonl.jsonl.
        var name = name.lowercased()
        let suffix = "." + TranscriptFormat.fileExtension
        while name.hasSuffix(suffix) { name.removeLast(suffix.count) }
        let mapped = name.map { $0.isLetter || $0.isNumber ? $0 : "-" }
        let collapsed = String(mapped).split(separator: "-", omittingEmptySubsequences: true).joined(separator: "-")
        var shortened = ""
        var bytes = 0
        for character in collapsed.prefix(80) {
            bytes += character.utf8.count
            guard bytes <= fileNameBytes else { break }
            shortened.append(character)
        }
        return shortened.isEmpty ? "saved" : shortened
    }
}
