/// Phrases of stems stored flat, ordered by their first stem, each with the number of what owns it.
///
/// The classifier's keywords have about 4,900 phrases of one to five stems. Held as `[[String]]` they
/// were decoded as 4,900 arrays at every start (4.7 M of a one-shot answer's 33.8 M instructions);
/// held flat, with each stem as its number among the table's distinct stems, they are a few tables
/// read in place. A turn looks each of its stems up once and then compares numbers: comparing stems
/// as bytes, the search cost 72,000 instructions a turn, a ninth of it.
public struct PhraseTable: Sendable, Hashable {
    /// The distinct stems of every phrase; a gap (`Aspect.gap`) is the empty stem, so it is number 0.
    public let vocabulary: WordSet
    /// Every phrase's stems as their numbers in `vocabulary`, phrase after phrase.
    let stemIDs: NumberTable
    /// Where each phrase ends in `stemIDs`; phrase `i` starts where `i - 1` ends.
    public let ends: [Int32]
    /// What each phrase belongs to (for the classifier, a keyword's number).
    public let owners: [Int32]
    /// Where the phrases of each first stem begin, by the stem's number (one more entry than the
    /// vocabulary): a turn finds a stem's phrases with one lookup, and never compares a phrase's
    /// first stem again.
    let firstStarts: [Int32]
    /// The gap's number, or -2 when no phrase has one (a number no stem and no unknown word has).
    let gap: Int32
    /// How many stems a gap in a phrase may skip.
    ///
    /// Four covers a question's own words ("why would a knot keep hurting" for "why * hurt") without
    /// joining the two ends of a long post.
    public static let gapReach = 4

    /// The phrases, ordered by first stem, then second stem (in UTF-8 byte order; a phrase of one
    /// stem, or whose second element is a gap, counts its second stem as empty and comes first),
    /// then owner, then given order; empty phrases are left out, since they can match nothing.
    ///
    /// Ordered by second stem too, a word that starts hundreds of phrases ("what", "how") has only
    /// those that go on with the utterance's next word tried, found by bisection. The vocabulary is
    /// sorted the same way, so ordering by a stem's number is ordering by its bytes.
    public init(_ phrases: [(owner: Int, stems: [String])]) {
        let kept = phrases.enumerated().filter { !$0.element.stems.isEmpty }
        func second(_ stems: [String]) -> String { stems.count > 1 ? stems[1] : "" }
        let ordered = kept.sorted { left, right in
            let (a, b) = (left.element, right.element)
            if a.stems[0] != b.stems[0] { return a.stems[0].utf8.lexicographicallyPrecedes(b.stems[0].utf8) }
            let (secondA, secondB) = (second(a.stems), second(b.stems))
            if secondA != secondB { return secondA.utf8.lexicographicallyPrecedes(secondB.utf8) }
            return a.owner != b.owner ? a.owner < b.owner : left.offset < right.offset
        }
        let vocabulary = WordSet(kept.flatMap(\.element.stems))
        var stemIDs: [Int32] = []
        var ends: [Int32] = []
        var owners: [Int32] = []
        var firstStarts = [Int32](repeating: 0, count: vocabulary.count + 1)
        for (_, phrase) in ordered {
            for stem in phrase.stems { stemIDs.append(Int32(vocabulary.index(of: stem) ?? 0)) }
            ends.append(Int32(stemIDs.count))
            owners.append(Int32(phrase.owner))
            // Counted here, summed below: a first stem's phrases begin after every smaller stem's.
            firstStarts[(vocabulary.index(of: phrase.stems[0]) ?? 0) + 1] += 1
        }
        for index in firstStarts.indices.dropFirst() { firstStarts[index] += firstStarts[index - 1] }
        self.vocabulary = vocabulary
        self.stemIDs = NumberTable(stemIDs)
        self.ends = ends
        self.owners = owners
        self.firstStarts = firstStarts
        self.gap = Self.gap(in: vocabulary)
    }

    /// Phrases as an archive stores them; `nil` unless every end and filing run fits and every owner
    /// is below `ownerBound`.
    ///
    /// The order and the stem numbers are trusted, as `WordSet` trusts its words: a stem number is
    /// only ever compared, never used to index, so a damaged table can only make a phrase miss.
    init?(
        vocabulary: WordSet, stemIDs: NumberTable, ends: [Int32], owners: [Int32], ownerBound: Int,
        firstStarts: [Int32]
    ) {
        guard ends.count == owners.count, owners.allSatisfy({ $0 >= 0 && Int($0) < ownerBound }),
            firstStarts.count == vocabulary.count + 1, firstStarts.first == 0,
            Int(firstStarts.last ?? -1) == ends.count,
            zip(firstStarts, firstStarts.dropFirst()).allSatisfy({ $0 <= $1 })
        else { return nil }
        var previous: Int32 = 0
        for end in ends {
            guard end > previous else { return nil }
            previous = end
        }
        guard Int(previous) == stemIDs.count else { return nil }
        self.vocabulary = vocabulary
        self.stemIDs = stemIDs
        self.ends = ends
        self.owners = owners
        self.firstStarts = firstStarts
        self.gap = Self.gap(in: vocabulary)
    }

    /// The empty stem's number: 0 when it is there, as it sorts first.
    private static func gap(in vocabulary: WordSet) -> Int32 {
        !vocabulary.isEmpty && vocabulary.words.byteRange(0).isEmpty ? 0 : -2
    }

    /// How many phrases there are.
    public var count: Int { ends.count }

    /// The stems of phrase `index`, as Strings (for building and explaining, not for matching).
    public func phrase(_ index: Int) -> [String] {
        stemRange(index).map { position in
            let id = Int(stemIDs[position])
            return id < vocabulary.count ? vocabulary[id] : ""
        }
    }

    /// Where phrase `index` lies in `stemIDs`.
    func stemRange(_ index: Int) -> Range<Int> {
        (index == 0 ? 0 : Int(ends[index - 1]))..<Int(ends[index])
    }

    /// The owners (ascending, each once) of the phrases found in the stems of an utterance.
    ///
    /// The stems are taken as the caller holds them: packed into one buffer first, 410 calls a run of
    /// the regression questions spent 1.3 M instructions packing them.
    public func matchedOwners(in utterance: [String]) -> [Int] {
        guard !utterance.isEmpty else { return [] }
        var matched: [Int] = []
        withUnsafeTemporaryAllocation(of: Int32.self, capacity: utterance.count) { words in
            // Each word's stem number, or -1 for a word no phrase has (an empty word is none: the
            // empty stem is how a gap is stored).
            for (position, word) in utterance.enumerated() {
                words[position] = word.isEmpty ? -1 : Int32(vocabulary.index(of: word) ?? -1)
            }
            let search = Search(table: self, words: UnsafeBufferPointer(words))
            for start in 0..<utterance.count where words[start] >= 0 {
                let key = Int(words[start])
                let group = Int(firstStarts[key])..<Int(firstStarts[key + 1])
                // Phrases of one stem or with a gap second: the first stem is the key just found, the
                // rest is matched from the next word.
                var phrase = group.lowerBound
                while phrase < group.upperBound, search.second(of: phrase) < 0 {
                    let range = stemRange(phrase)
                    if !matched.contains(Int(owners[phrase])),
                        search.matches((range.lowerBound + 1)..<range.upperBound, at: start + 1)
                    {
                        matched.append(Int(owners[phrase]))
                    }
                    phrase += 1
                }
                // The rest go on with a stem: only those whose second stem is the next word.
                guard start + 1 < utterance.count, case let next = words[start + 1], next >= 0 else { continue }
                phrase = search.firstPhrase(in: phrase..<group.upperBound, secondNotBelow: next)
                while phrase < group.upperBound, search.second(of: phrase) == next {
                    let range = stemRange(phrase)
                    if !matched.contains(Int(owners[phrase])),
                        search.matches((range.lowerBound + 2)..<range.upperBound, at: start + 2)
                    {
                        matched.append(Int(owners[phrase]))
                    }
                    phrase += 1
                }
            }
        }
        return matched.sorted()
    }

    /// The table and one utterance's stem numbers, borrowed for the search.
    private struct Search {
        let table: PhraseTable
        let words: UnsafeBufferPointer<Int32>

        /// The second stem's number of a phrase; -1 for a phrase of one stem or a gap second.
        @inline(__always)
        func second(of phrase: Int) -> Int32 {
            let range = table.stemRange(phrase)
            guard range.count > 1 else { return -1 }
            let id = table.stemIDs[range.lowerBound + 1]
            return id == table.gap ? -1 : id
        }

        /// The first phrase in `phrases` (one first stem's, past those with an empty second) whose
        /// second stem is not below stem number `word`.
        func firstPhrase(in phrases: Range<Int>, secondNotBelow word: Int32) -> Int {
            var low = phrases.lowerBound
            var high = phrases.upperBound
            while low < high {
                let middle = (low + high) / 2
                if second(of: middle) < word { low = middle + 1 } else { high = middle }
            }
            return low
        }

        /// Whether the table stems `phrase` occur in the utterance from word `start`.
        ///
        /// Each gap skips at most `gapReach` stems. Every skip is tried, since the first place a run
        /// fits may leave the next run out of reach; phrases are a few stems, so this stays a handful
        /// of comparisons.
        func matches(_ phrase: Range<Int>, at start: Int) -> Bool {
            var position = start
            var index = phrase.lowerBound
            while index < phrase.upperBound, case let id = table.stemIDs[index], id != table.gap {
                guard position < words.count, words[position] == id else { return false }
                position += 1
                index += 1
            }
            guard index < phrase.upperBound else { return true }
            let rest = (index + 1)..<phrase.upperBound
            // The stem after the gap must stand where the rest starts: only those places are tried.
            // Trying every skip made a call that read the stem and failed, most of the search's 2.7 M
            // instructions a run of the regression questions (1.3 M fewer so).
            let next = rest.isEmpty ? table.gap : table.stemIDs[rest.lowerBound]
            for skip in 0...PhraseTable.gapReach where position + skip < words.count {
                if next != table.gap && words[position + skip] != next { continue }
                if matches(rest, at: position + skip) { return true }
            }
            return false
        }
    }
}
