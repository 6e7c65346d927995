import Synchronization

/// Repairs misspelt domain words ("mussle", "piont", "latant") by edit distance to known terms.
///
/// Only words the bot does not know are repaired, and only into domain terms, so ordinary words it
/// has never seen ("bread", "france") are left alone rather than bent into "break" or "fascia".
public struct TypoCorrector: Sendable, Hashable {
    /// Domain terms in order of preference: most frequent in the intents first.
    public let targets: PackedStrings
    /// The targets filed for search, built at the first repair: most questions have no unknown word,
    /// and filing the 2,240 targets cost a one-shot answer 0.8 M instructions.
    private let filed = Filed()

    static let firstLetters = 27

    public init(targets: PackedStrings) {
        self.targets = targets
    }

    public static func == (left: TypoCorrector, right: TypoCorrector) -> Bool {
        left.targets == right.targets
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(targets)
    }

    /// The targets filed by length and first letter, made once and shared by every copy.
    private final class Filed: Sendable {
        private let index = Mutex<TargetIndex?>(nil)

        func index(of targets: PackedStrings) -> TargetIndex {
            index.withLock { index in
                if let index { return index }
                let made = TargetIndex(targets)
                index = made
                return made
            }
        }
    }

    /// The targets' letter sets and buckets.
    struct TargetIndex: Sendable {
        /// Each target's letters as a set of bits, to pass over a target too unlike the word cheaply.
        ///
        /// One edit changes at most two letters of the set, so a target whose set differs from the
        /// word's in more than twice the allowed edits is out of reach before any distance table is
        /// built.
        let letterSets: [UInt32]
        /// The plain-ASCII targets (nearly all) by length, then by first letter (a-z, then any other),
        /// each list in order of preference.
        ///
        /// A word of up to seven letters may change by one edit, which keeps its first letter and its
        /// length within one, so it meets a few dozen targets instead of all 3,000; the compiler checks
        /// some 100,000 dictionary words this way.
        let buckets: [[[Int32]]]
        /// Targets with other letters, compared with every word.
        let others: [Int32]

        init(_ targets: PackedStrings) {
            var sets: [UInt32] = []
            sets.reserveCapacity(targets.count)
            var buckets: [[[Int32]]] = []
            var others: [Int32] = []
            targets.storage.withUnsafeBufferPointer { storage in
                for index in targets.indices {
                    let range = targets.byteRange(index)
                    sets.append(TypoCorrector.letterSet(storage[range]))
                    guard !range.isEmpty, storage[range].allSatisfy({ $0 < 0x80 }) else {
                        others.append(Int32(index))
                        continue
                    }
                    while buckets.count <= range.count {
                        buckets.append(Array(repeating: [], count: TypoCorrector.firstLetters))
                    }
                    buckets[range.count][TypoCorrector.letterSlot(storage[range.lowerBound])].append(Int32(index))
                }
            }
            self.letterSets = sets
            self.buckets = buckets
            self.others = others
        }
    }

    /// The bits of a word's letters: one per letter a-z, one shared by every other byte.
    static func letterSet<C: Collection<UInt8>>(_ bytes: C) -> UInt32 {
        var set: UInt32 = 0
        for byte in bytes { set |= byte >= 0x61 && byte <= 0x7A ? 1 << UInt32(byte - 0x61) : 1 << 31 }
        return set
    }

    /// A first letter's bucket: a-z, then one for anything else.
    static func letterSlot(_ byte: UInt8) -> Int {
        byte >= 0x61 && byte <= 0x7A ? Int(byte - 0x61) : firstLetters - 1
    }

    public init(targets: [String]) {
        self.init(targets: PackedStrings(targets))
    }

    /// The largest edit distance allowed for a word of this length: none for short words, where
    /// one edit already makes another word.
    static func allowedDistance(forLength length: Int) -> Int {
        // Two edits only from eight letters: at seven, two edits already turn "wrecked" into
        // "whacked".
        switch length {
        case ..<4: 0
        case 4..<8: 1
        default: 2
        }
    }

    /// The closest domain term within the allowed distance, or nil; of equally close ones, the
    /// most preferred.
    public func repair(_ word: String) -> String? {
        let scalars = word.unicodeScalars
        let limit = Self.allowedDistance(forLength: scalars.count)
        guard limit > 0, scalars.allSatisfy({ $0.properties.isAlphabetic }) else { return nil }
        let index = filed.index(of: targets)
        let (letterSets, buckets, others) = (index.letterSets, index.buckets, index.others)
        let letters = scalars.map(\.value)
        let wordSet = Self.letterSet(word.utf8)
        // One buffer for the candidate and one scratch for the distance table, reused for every
        // target: a long unknown word is compared with hundreds of them.
        var target: [UInt32] = []
        var scratch = DistanceScratch()
        var best: (index: Int, distance: Int)?
        // `target` holds the candidate's letters; keeps it when it is the closest so far.
        func consider(_ index: Int) {
            let bound = best.map { min($0.distance, limit) } ?? limit
            if let distance = Self.distance(letters, target, limit: bound, scratch: &scratch),
                distance < (best?.distance ?? Int.max) || (distance == best?.distance && index < best?.index ?? 0)
            {
                best = (index, distance)
            }
        }
        // One edit keeps the first letter, unless it swaps the first two ("hcest" for "chest"): only
        // those letters' buckets. Two may change it: every bucket.
        let slots: Range<Int> =
            limit > 1
            ? 0..<Self.firstLetters
            : letters[0] < 0x80 ? Self.letterSlot(UInt8(letters[0]))..<Self.letterSlot(UInt8(letters[0])) + 1 : 0..<0
        let swapped: Range<Int> =
            limit == 1 && letters.count > 1 && letters[1] < 0x80 && letters[1] != letters[0]
            ? Self.letterSlot(UInt8(letters[1]))..<Self.letterSlot(UInt8(letters[1])) + 1 : 0..<0
        targets.storage.withUnsafeBufferPointer { storage in
            for length in max(1, letters.count - limit)...(letters.count + limit) where length < buckets.count {
                for slot in slots.lowerBound..<(slots.upperBound + swapped.count) {
                    let bucket = slot < slots.upperBound ? slot : swapped.lowerBound + slot - slots.upperBound
                    for index in buckets[length][bucket]
                    where (letterSets[Int(index)] ^ wordSet).nonzeroBitCount <= 2 * limit {
                        target.removeAll(keepingCapacity: true)
                        for byte in storage[targets.byteRange(Int(index))] { target.append(UInt32(byte)) }
                        consider(Int(index))
                    }
                }
            }
        }
        for index in others where (letterSets[Int(index)] ^ wordSet).nonzeroBitCount <= 2 * limit {
            target = targets[Int(index)].unicodeScalars.map(\.value)
            guard abs(target.count - letters.count) <= limit,
                target.first == letters[0] || limit > 1 || (letters.count > 1 && target.first == letters[1])
            else { continue }
            consider(Int(index))
        }
        return best.map { targets[$0.index] }
    }

    /// The rows of the distance table, kept between comparisons.
    struct DistanceScratch {
        var previous2: [Int] = []
        var previous: [Int] = []
        var current: [Int] = []
    }

    /// Optimal string alignment distance (Damerau-Levenshtein with adjacent transpositions), or nil
    /// when it exceeds `limit`.
    static func distance(_ a: [UInt32], _ b: [UInt32], limit: Int, scratch: inout DistanceScratch) -> Int? {
        guard limit >= 0, abs(a.count - b.count) <= limit else { return nil }
        if a.isEmpty || b.isEmpty { return max(a.count, b.count) <= limit ? max(a.count, b.count) : nil }
        let width = b.count + 1
        if scratch.previous.count < width {
            scratch.previous2 = [Int](repeating: 0, count: width)
            scratch.previous = [Int](repeating: 0, count: width)
            scratch.current = [Int](repeating: 0, count: width)
        }
        for j in 0..<width {
            scratch.previous2[j] = 0
            scratch.previous[j] = j
            scratch.current[j] = 0
        }
        for i in 1...a.count {
            scratch.current[0] = i
            var rowMinimum = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var value = min(scratch.previous[j] + 1, scratch.current[j - 1] + 1, scratch.previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    value = min(value, scratch.previous2[j - 2] + 1)
                }
                scratch.current[j] = value
                rowMinimum = min(rowMinimum, value)
            }
            if rowMinimum > limit { return nil }
            swap(&scratch.previous2, &scratch.previous)
            swap(&scratch.previous, &scratch.current)
        }
        let result = scratch.previous[b.count]
        return result <= limit ? result : nil
    }
}
