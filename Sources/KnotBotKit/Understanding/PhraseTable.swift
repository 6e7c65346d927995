/// Phrases of stems stored flat, ordered by their first stem, each with the number of what owns it.
///
/// The classifier's keywords have about 4,900 phrases of one to five stems. Held as `[[String]]` they
/// were decoded as 4,900 arrays at every start (4.7 M of a one-shot answer's 33.8 M instructions);
/// held flat they decode as four array copies, and a turn compares stems as bytes where they lie,
/// with no String made, retained or released.
public struct PhraseTable: Sendable, Hashable {
    /// Every phrase's stems, phrase after phrase; a gap (`Aspect.gap`) is an empty stem.
    public let stems: PackedStrings
    /// Where each phrase ends in `stems`, counted in stems; phrase `i` starts where `i - 1` ends.
    public let ends: [Int32]
    /// What each phrase belongs to (for the classifier, a keyword's number).
    public let owners: [Int32]
    /// The distinct first stems, sorted, and where each one's phrases begin (one more entry than
    /// stems): a turn finds a stem's phrases with one bisection over about 1,500 stems, not two
    /// over 4,900 phrases, and never compares a phrase's first stem again.
    let firstStems: WordSet
    let firstStarts: [Int32]

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
    /// those that go on with the utterance's next word tried, found by bisection.
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
        var ends: [Int32] = []
        var owners: [Int32] = []
        var count = 0
        for (_, phrase) in ordered {
            count += phrase.stems.count
            ends.append(Int32(count))
            owners.append(Int32(phrase.owner))
        }
        self.init(filed: PackedStrings(ordered.flatMap(\.element.stems)), ends: ends, owners: owners)
    }

    /// Phrases as an archive stores them; `nil` unless every offset fits and every owner is below
    /// `ownerBound`.
    ///
    /// The order is trusted, as `WordSet` trusts its words: a misordered table can only make a phrase
    /// miss, never crash.
    ///
    /// The filing by first stem comes from the archive too (`firstStems`, `firstStarts`): making it at
    /// start-up cost 0.66 M instructions, a twentieth of a one-shot answer.
    init?(
        stems: PackedStrings, ends: [Int32], owners: [Int32], ownerBound: Int, firstStems: WordSet,
        firstStarts: [Int32]
    ) {
        guard ends.count == owners.count, owners.allSatisfy({ $0 >= 0 && Int($0) < ownerBound }),
            firstStarts.count == firstStems.count + 1, firstStarts.first == 0,
            Int(firstStarts.last ?? -1) == ends.count,
            zip(firstStarts, firstStarts.dropFirst()).allSatisfy({ $0 < $1 })
        else { return nil }
        var previous: Int32 = 0
        for end in ends {
            guard end > previous else { return nil }
            previous = end
        }
        guard Int(previous) == stems.count else { return nil }
        self.stems = stems
        self.ends = ends
        self.owners = owners
        self.firstStems = firstStems
        self.firstStarts = firstStarts
    }

    /// Files the phrases, already in order, under their first stems: one pass comparing each first
    /// stem with the one before (about 0.1 M instructions at start-up).
    private init(filed stems: PackedStrings, ends: [Int32], owners: [Int32]) {
        self.stems = stems
        self.ends = ends
        self.owners = owners
        var keyBytes: [UInt8] = []
        var keyEnds: [Int32] = []
        var starts: [Int32] = []
        stems.storage.withUnsafeBufferPointer { bytes in
            var previous: Range<Int>?
            for phrase in ends.indices {
                let first = stems.byteRange(phrase == 0 ? 0 : Int(ends[phrase - 1]))
                if let previous, bytes[previous].elementsEqual(bytes[first]) { continue }
                keyBytes.append(contentsOf: bytes[first])
                keyEnds.append(Int32(keyBytes.count))
                starts.append(Int32(phrase))
                previous = first
            }
        }
        starts.append(Int32(ends.count))
        self.firstStems = WordSet(trustingOrder: PackedStrings(storage: keyBytes, summedEnds: keyEnds))
        self.firstStarts = starts
    }

    /// How many phrases there are.
    public var count: Int { ends.count }

    /// The stems of phrase `index`, as Strings (for building and explaining, not for matching).
    public func phrase(_ index: Int) -> [String] {
        stemRange(index).map { stems[$0] }
    }

    /// Where phrase `index` lies in `stems`.
    func stemRange(_ index: Int) -> Range<Int> {
        (index == 0 ? 0 : Int(ends[index - 1]))..<Int(ends[index])
    }

    /// The owners (ascending, each once) of the phrases found in the stems of an utterance.
    public func matchedOwners(in utterance: PackedStrings) -> [Int] {
        var matched: [Int] = []
        utterance.storage.withUnsafeBufferPointer { utteranceBytes in
            stems.storage.withUnsafeBufferPointer { tableBytes in
                stems.ends.withHeldNumbers { tableEnds in
                    let search = Search(
                        table: self, tableBytes: tableBytes, tableEnds: tableEnds, utterance: utterance,
                        bytes: utteranceBytes)
                    for start in 0..<utterance.count {
                        let word = UnsafeBufferPointer(rebasing: utteranceBytes[utterance.byteRange(start)])
                        // An empty stem is how a gap is stored; no word of an utterance is one.
                        guard !word.isEmpty, let key = firstStems.index(ofBytes: word) else { continue }
                        let group = Int(firstStarts[key])..<Int(firstStarts[key + 1])
                        // Phrases of one stem or with a gap second: the first stem is the key just found,
                        // the rest is matched from the next word.
                        var phrase = group.lowerBound
                        while phrase < group.upperBound, search.secondStem(of: phrase).isEmpty {
                            let range = stemRange(phrase)
                            if !matched.contains(Int(owners[phrase])),
                                search.matches((range.lowerBound + 1)..<range.upperBound, at: start + 1)
                            {
                                matched.append(Int(owners[phrase]))
                            }
                            phrase += 1
                        }
                        // The rest go on with a stem: only those whose second stem is the next word.
                        guard start + 1 < utterance.count else { continue }
                        phrase = search.firstPhrase(in: phrase..<group.upperBound, secondNotBelow: start + 1)
                        while phrase < group.upperBound, search.compareSecond(of: phrase, with: start + 1) == 0 {
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
            }
        }
        return matched.sorted()
    }

    /// Byte-level comparisons between the table and one utterance, both borrowed for the search.
    private struct Search {
        let table: PhraseTable
        let tableBytes: UnsafeBufferPointer<UInt8>
        /// The table's stem ends, when held as numbers: read directly, not through `byteRange`.
        let tableEnds: UnsafeBufferPointer<Int32>?
        let utterance: PackedStrings
        let bytes: UnsafeBufferPointer<UInt8>

        /// Where table stem `stem` lies in `tableBytes`, kept inside them as `byteRange` keeps it.
        @inline(__always)
        func stemBytes(_ stem: Int) -> Range<Int> {
            guard let tableEnds else { return table.stems.byteRange(stem) }
            return NumberTable.run(stem, of: tableEnds, within: tableBytes.count)
        }

        /// Orders table stem `stem` against utterance stem `word` by their UTF-8 bytes.
        func compare(stem: Int, word: Int) -> Int {
            PackedStrings.compare(
                UnsafeBufferPointer(rebasing: tableBytes[stemBytes(stem)]),
                UnsafeBufferPointer(rebasing: bytes[utterance.byteRange(word)]))
        }

        /// Where the second stem of a phrase lies in the table's bytes; empty for a phrase of one
        /// stem or a gap.
        func secondStem(of phrase: Int) -> Range<Int> {
            let range = table.stemRange(phrase)
            return range.count > 1 ? stemBytes(range.lowerBound + 1) : 0..<0
        }

        /// Orders a phrase's second stem against utterance stem `word`.
        func compareSecond(of phrase: Int, with word: Int) -> Int {
            let range = table.stemRange(phrase)
            return range.count > 1 ? compare(stem: range.lowerBound + 1, word: word) : -1
        }

        /// The first phrase in `phrases` (one first stem's, past those with an empty second) whose
        /// second stem is not below utterance stem `word`.
        func firstPhrase(in phrases: Range<Int>, secondNotBelow word: Int) -> Int {
            var low = phrases.lowerBound
            var high = phrases.upperBound
            while low < high {
                let middle = (low + high) / 2
                if compareSecond(of: middle, with: word) < 0 { low = middle + 1 } else { high = middle }
            }
            return low
        }

        /// Whether the table stems `phrase` occur in the utterance from stem `start`.
        ///
        /// Each gap skips at most `gapReach` stems. Every skip is tried, since the first place a run
        /// fits may leave the next run out of reach; phrases are a few stems, so this stays a handful
        /// of comparisons.
        func matches(_ phrase: Range<Int>, at start: Int) -> Bool {
            var position = start
            var index = phrase.lowerBound
            while index < phrase.upperBound, !stemBytes(index).isEmpty {
                guard position < utterance.count, compare(stem: index, word: position) == 0 else { return false }
                position += 1
                index += 1
            }
            guard index < phrase.upperBound else { return true }
            let rest = (index + 1)..<phrase.upperBound
            for skip in 0...PhraseTable.gapReach where position + skip < utterance.count {
                if matches(rest, at: position + skip) { return true }
            }
            return false
        }
    }
}
