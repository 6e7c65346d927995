import Foundation
import Testing

@testable import KnotBotKit

#if canImport(Glibc)
    import Glibc
#endif

/// Transcripts under stress: huge or damaged files, odd things where a transcript should be, full
/// disks and long sessions.
@Suite("Transcript reliability")
struct TranscriptReliabilityTests {
    static let header = TranscriptHeader(knotbot: "t", model: "m", started: "2026-01-01T00:00:00Z")

    /// A recorded two-turn transcript's text, ending in a newline.
    static func recorded(in folder: URL) throws -> String {
        let url = folder.appendingPathComponent("recorded-\(UUID().uuidString).jsonl")
        try TranscriptTests.record(["who wrote it", "what causes knots"], to: url)
        return try String(contentsOf: url, encoding: .utf8)
    }

    static func write(_ bytes: [UInt8], to url: URL) throws {
        try Data(bytes).write(to: url)
    }

    // MARK: The word diff

    @Test("the word diff skips common first and last words, so a small change in a long answer is found")
    func wordDiffLongCommonText() {
        // About 600 KB a side: a table over every word would need 8 x 100,000^2 bytes.
        let start = (0..<50_000).map { "w\($0)" }.joined(separator: " ")
        let end = (0..<50_000).map { "z\($0)" }.joined(separator: " ")
        let diff = WordDiff.render(from: start + " dull ache " + end, to: start + " sharp ache " + end)
        #expect(diff.contains(" w49999 [-dull-] {+sharp+} ache z0 "))
        #expect(diff.hasPrefix("w0 w1 w2 "))
        #expect(diff.hasSuffix(" z49999"))
    }

    @Test("above the limit of differing words a side, the diff is coarse: where it starts, how long each side is")
    func wordDiffCoarse() {
        let count = WordDiff.detailLimit + 1
        let old = "same start " + (0..<count).map { "a\($0)" }.joined(separator: " ") + " same end"
        let new = "same start " + (0..<count).map { "b\($0)" }.joined(separator: " ") + " same end"
        let diff = WordDiff.render(from: old, to: new)
        #expect(
            diff
                == "same start (from word 3 on, too long to compare word by word:) "
                + "[-a0 a1 a2 a3 a4 a5 a6 a7 a8 a9 a10 a11 ... (\(count) words)-] "
                + "{+b0 b1 b2 b3 b4 b5 b6 b7 b8 b9 b10 b11 ... (\(count) words)+} same end")
    }

    @Test("up to the limit the diff is word by word, as before")
    func wordDiffDetailedAtLimit() {
        let words = (0..<WordDiff.detailLimit).map { "a\($0)" }
        var changed = words
        changed[1_000] = "changed"
        let diff = WordDiff.render(from: words.joined(separator: " "), to: changed.joined(separator: " "))
        #expect(diff.contains(" a999 [-a1000-] {+changed+} a1001 "))
        #expect(WordDiff.render(from: "a b", to: "a b b") == "a b {+b+}")
        #expect(WordDiff.render(from: "", to: "new words") == "{+new words+}")
        #expect(WordDiff.render(from: "old  words", to: "old words") == "old words")
        #expect(WordDiff.render(from: "x a b", to: "y a b") == "[-x-] {+y+} a b")
    }
}
