public import Foundation

/// Reads transcripts, with `file:line:` for every problem; a half-written last line (a session
/// killed mid-write) is a warning, not a failure.
public enum TranscriptReader {
    public static func read(_ file: DataFile) throws(KnotBotError) -> Transcript {
        let lines = file.text.split(separator: "\n", omittingEmptySubsequences: false)
        let endsCleanly = file.text.hasSuffix("\n")
        func fail(_ line: Int?, _ message: String) -> KnotBotError {
            .invalidData([Diagnostic(file: file.path, line: line, message: message)])
        }
        guard let first = lines.first, !first.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw fail(1, "is empty: a transcript starts with a header line")
        }
        let decoder = JSONDecoder()
        guard let header = try? decoder.decode(TranscriptHeader.self, from: Data(first.utf8)), header.type == "header"
        else {
            throw fail(1, "the first line is not a transcript header (is this a KnotBot transcript?)")
        }
        guard header.format <= TranscriptFormat.current else {
            throw fail(
                1,
                "transcript format \(header.format) is newer than this KnotBot reads (\(TranscriptFormat.current)); update KnotBot"
            )
        }
        guard header.format >= 1 else {
            throw fail(1, "transcript format \(header.format) is not supported; re-record it")
        }
        var turns: [TranscriptTurn] = []
        var warnings: [Diagnostic] = []
        for (index, line) in lines.enumerated().dropFirst() {
            let number = index + 1
            if line.trimmingCharacters(in: .whitespaces).isEmpty { continue }
            do {
                let turn = try decoder.decode(TranscriptTurn.self, from: Data(line.utf8))
                guard turn.type == "turn" else { throw fail(number, "expected a turn, found '\(turn.type)'") }
                guard (0...1).contains(turn.reply.confidence) else {
                    throw fail(number, "the reply's confidence \(turn.reply.confidence) is not between 0 and 1")
                }
                turns.append(turn)
            } catch let error as KnotBotError {
                throw error
            } catch {
                let isLast = index == lines.count - 1
                if isLast && !endsCleanly {
                    warnings.append(
                        Diagnostic(
                            file: file.path, line: number, severity: .warning,
                            message: "the last line is incomplete (the session was cut off); it was skipped"))
                    continue
                }
                throw fail(number, "is not a valid transcript turn (\(Self.reason(error)))")
            }
        }
        return Transcript(path: file.path, header: header, turns: turns, warnings: warnings)
    }

    /// Every transcript under the paths: files as given, folders searched for `*.jsonl`, sorted.
    public static func files(at paths: [String]) throws(KnotBotError) -> [URL] {
        var found: [URL] = []
        for path in paths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw .io(path: path, reason: "no such file or folder")
            }
            let url = URL(fileURLWithPath: path)
            if !isDirectory.boolValue {
                found.append(url)
                continue
            }
            guard let enumerator = FileManager.default.enumerator(at: url, includingPropertiesForKeys: nil) else {
                throw .io(path: path, reason: "cannot be read (check its permissions)")
            }
            let inFolder = enumerator.compactMap { $0 as? URL }
                .filter { $0.pathExtension == TranscriptFormat.fileExtension }
                .sorted { $0.path < $1.path }
            if inFolder.isEmpty {
                throw .noInput(path: path, reason: "holds no transcripts (*.\(TranscriptFormat.fileExtension))")
            }
            found += inFolder
        }
        return found
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
