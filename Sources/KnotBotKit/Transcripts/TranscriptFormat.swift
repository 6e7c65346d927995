import Foundation

/// The transcript file format: JSON Lines, a header line then one line per turn, keys sorted so a
/// `git diff` of a re-recorded transcript shows exactly what changed.
public enum TranscriptFormat {
    /// The format written now.
    ///
    /// Older formats are upgraded when read, through the steps in `TranscriptUpgrade.shipped`;
    /// newer ones are refused. Format 1 is the first, so there are no steps yet.
    public static let current = 1
    /// The file extension of transcripts.
    public static let fileExtension = "jsonl"

    /// One record as a line of JSON with a trailing newline.
    static func line(_ value: some Encodable) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(value), let text = String(data: data, encoding: .utf8) else {
            return "{}\n"
        }
        return text + "\n"
    }
}
