/// A word-level diff of two texts, in `git diff --word-diff` style: `[-removed-] {+added+}`.
///
/// Memory stays bounded whatever the texts' lengths: the common first and last words are matched
/// without storing them, and only the differing middle is compared word by word, through a
/// longest-common-subsequence table of at most `detailLimit` words a side (2,001 x 2,001 cells of
/// 2 bytes, 8 MB). A longer middle gets a coarse diff: where it starts and how long each side is.
/// A full table for two 1 MB answers took 727 MB.
public enum WordDiff {
    /// The most differing words a side that are compared word by word.
    ///
    /// Real answers run to a few hundred words, so every diff a person reads is a word diff; 2,000
    /// keeps the table's lengths within `UInt16` and its size at 8 MB.
    public static let detailLimit = 2_000
    /// How many words of each side a coarse diff shows.
    static let coarseWords = 12

    /// A stretch of the diff: words both texts have, words only one has, or a note about the diff.
    public enum Segment: Sendable, Hashable {
        /// Words in both texts, one space apart.
        case same(String)
        /// Words only the old text has, one space apart.
        case removed(String)
        /// Words only the new text has, one space apart.
        case added(String)
        /// Words from neither text: "..." for words left out, or what a coarse diff could not show.
        case note(String)
    }

    /// The diff as one line: `[-removed-] {+added+}` around the changes, common words as they are.
    public static func render(from old: String, to new: String) -> String {
        segments(from: old, to: new).map { segment in
            switch segment {
            case .same(let words), .note(let words): words
            case .removed(let words): "[-" + words + "-]"
            case .added(let words): "{+" + words + "+}"
            }
        }
        .joined(separator: " ")
    }

    /// The diff as segments, in order; runs of the same words are one segment each.
    public static func segments(from old: String, to new: String) -> [Segment] {
        var output = Output()
        // Common first words, streamed to the output.
        var oldStart = old.startIndex
        var newStart = new.startIndex
        var sameFirst = 0
        while true {
            var oldNext = oldStart
            var newNext = newStart
            guard let word = nextWord(in: old, from: &oldNext), let other = nextWord(in: new, from: &newNext),
                word == other
            else { break }
            output.append(word)
            sameFirst += 1
            oldStart = oldNext
            newStart = newNext
        }
        // Common last words, found from the end without overlapping the first ones.
        var oldEnd = old.endIndex
        var newEnd = new.endIndex
        while true {
            var oldPrevious = oldEnd
            var newPrevious = newEnd
            guard let word = previousWord(in: old, before: &oldPrevious, notBefore: oldStart),
                let other = previousWord(in: new, before: &newPrevious, notBefore: newStart), word == other
            else { break }
            oldEnd = oldPrevious
            newEnd = newPrevious
        }
        let oldMiddle = old[oldStart..<oldEnd]
        let newMiddle = new[newStart..<newEnd]
        let oldCount = countWords(oldMiddle, upTo: detailLimit + 1)
        let newCount = countWords(newMiddle, upTo: detailLimit + 1)
        if oldCount > detailLimit || newCount > detailLimit {
            output.appendCoarse(
                from: sameFirst + 1, removed: oldMiddle, removedCount: countWords(oldMiddle, upTo: .max),
                added: newMiddle, addedCount: countWords(newMiddle, upTo: .max))
        } else {
            output.appendDetailed(words(oldMiddle), words(newMiddle))
        }
        var index = oldEnd
        while let word = nextWord(in: old, from: &index) { output.append(word) }
        output.flush()
        output.endSame()
        return output.segments
    }

    /// The segments with every run of common words longer than `context` words either side of a
    /// change shortened to those words and a "..." note.
    ///
    /// For a reader who has both texts in full already: the diff then shows only where they differ.
    /// Texts that differ only in their spacing have no change to keep words around, and come back
    /// as one "..." note.
    public static func elided(_ segments: [Segment], context: Int) -> [Segment] {
        var result: [Segment] = []
        for (index, segment) in segments.enumerated() {
            guard case .same(let text) = segment else {
                result.append(segment)
                continue
            }
            let words = text.split(separator: " ")
            let front = index > 0 ? context : 0
            let back = index < segments.count - 1 ? context : 0
            // Leaving out a single word would save nothing: "..." is as long as a short word.
            guard words.count > front + back + 1 else {
                result.append(segment)
                continue
            }
            if front > 0 { result.append(.same(words.prefix(front).joined(separator: " "))) }
            result.append(.note("..."))
            if back > 0 { result.append(.same(words.suffix(back).joined(separator: " "))) }
        }
        return result
    }

    /// The diff being written: runs of common words and runs of changes, each one segment.
    private struct Output {
        var segments: [Segment] = []
        var same = ""
        var removed: [Substring] = []
        var added: [Substring] = []

        mutating func append(_ word: Substring) {
            flush()
            if !same.isEmpty { same += " " }
            same += word
        }

        mutating func note(_ text: String) {
            endSame()
            segments.append(.note(text))
        }

        mutating func endSame() {
            if !same.isEmpty { segments.append(.same(same)) }
            same = ""
        }

        mutating func flush() {
            guard !removed.isEmpty || !added.isEmpty else { return }
            endSame()
            if !removed.isEmpty { segments.append(.removed(removed.joined(separator: " "))) }
            if !added.isEmpty { segments.append(.added(added.joined(separator: " "))) }
            removed = []
            added = []
        }

        /// The middles compared word by word, from a longest-common-subsequence table built from
        /// the end.
        mutating func appendDetailed(_ a: [Substring], _ b: [Substring]) {
            let width = b.count + 1
            var table = [UInt16](repeating: 0, count: (a.count + 1) * width)
            for i in stride(from: a.count - 1, through: 0, by: -1) {
                for j in stride(from: b.count - 1, through: 0, by: -1) {
                    table[i * width + j] =
                        a[i] == b[j]
                        ? table[(i + 1) * width + j + 1] + 1 : max(table[(i + 1) * width + j], table[i * width + j + 1])
                }
            }
            var i = 0
            var j = 0
            while i < a.count || j < b.count {
                if i < a.count, j < b.count, a[i] == b[j] {
                    append(a[i])
                    i += 1
                    j += 1
                } else if j < b.count, i == a.count || table[i * width + j + 1] >= table[(i + 1) * width + j] {
                    added.append(b[j])
                    j += 1
                } else {
                    removed.append(a[i])
                    i += 1
                }
            }
        }

        /// Middles too long to compare: where they start, their first words and their lengths.
        mutating func appendCoarse(
            from position: Int, removed old: Substring, removedCount: Int, added new: Substring, addedCount: Int
        ) {
            flush()
            note("(from word \(position) on, too long to compare word by word:)")
            if removedCount > 0 { segments.append(.removed(WordDiff.opening(old, count: removedCount))) }
            if addedCount > 0 { segments.append(.added(WordDiff.opening(new, count: addedCount))) }
        }
    }

    /// The first words of a long run, then how many words it has in all.
    static func opening(_ text: Substring, count: Int) -> String {
        var index = text.startIndex
        var shown: [Substring] = []
        while shown.count < coarseWords, let word = nextWord(in: text, from: &index) { shown.append(word) }
        let rest = count > shown.count ? " ... (\(count) words)" : ""
        return shown.joined(separator: " ") + rest
    }

    static func words(_ text: Substring) -> [Substring] {
        text.split(whereSeparator: \.isWhitespace)
    }

    static func countWords(_ text: Substring, upTo limit: Int) -> Int {
        var index = text.startIndex
        var count = 0
        while count < limit, nextWord(in: text, from: &index) != nil { count += 1 }
        return count
    }

    /// The word starting at or after `index`, moving `index` past it.
    static func nextWord<Text: StringProtocol>(in text: Text, from index: inout Text.Index) -> Substring?
    where Text.SubSequence == Substring {
        while index < text.endIndex, text[index].isWhitespace { index = text.index(after: index) }
        guard index < text.endIndex else { return nil }
        let start = index
        while index < text.endIndex, !text[index].isWhitespace { index = text.index(after: index) }
        return text[start..<index]
    }

    /// The word ending at or before `index` and starting no earlier than `floor`, moving `index` to
    /// its start.
    static func previousWord(in text: String, before index: inout String.Index, notBefore floor: String.Index)
        -> Substring?
    {
        var end = index
        while end > floor, text[text.index(before: end)].isWhitespace { end = text.index(before: end) }
        guard end > floor else { return nil }
        var start = end
        while start > floor, !text[text.index(before: start)].isWhitespace { start = text.index(before: start) }
        index = start
        return text[start..<end]
    }
}
