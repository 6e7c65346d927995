/// A set of words kept sorted in one packed buffer, found through a table of hashed slots.
///
/// The lexicon's word lists and the classifier's features are loaded at every start; stored sorted
/// with their slots, the archive holds them ready to read in place, with nothing to build. A turn
/// makes about 200 lookups: bisecting the sorted words cost about 400 instructions each (a dozen
/// probes over 1,000-4,000 words), an eighth of a turn; hashed, one or two probes.
public struct WordSet: Sendable, Hashable, ExpressibleByArrayLiteral, Sequence {
    /// The words in ascending UTF-8 byte order, each once; a word's number is its position here.
    public let words: PackedStrings
    /// Open-addressed slots, a power of two at least twice the words: each holds a word's position
    /// plus one, or zero when empty, and a word sits at the first slot from its hash that is free.
    let slots: NumberTable

    public init<S: Sequence<String>>(_ words: S) {
        var sorted = Array(words)
        sorted.sort { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        var unique: [String] = []
        unique.reserveCapacity(sorted.count)
        for word in sorted where unique.last != word { unique.append(word) }
        self.init(trustingOrder: PackedStrings(unique))
    }

    /// Words already sorted and unique; the slots are made here.
    init(trustingOrder words: PackedStrings) {
        self.words = words
        self.slots = Self.slots(for: words)
    }

    /// Words and slots as `ModelArchive.encode` stores them; `nil` unless the slots are a power of
    /// two at least as many as the words.
    ///
    /// Neither the order nor the slots' contents are checked, which would cost as much as the rest of
    /// decoding the lexicon: a damaged list or slot can only make lookups miss, never crash.
    init?(trustingOrder words: PackedStrings, slots: NumberTable) {
        guard slots.count >= words.count, slots.count & (slots.count - 1) == 0 else { return nil }
        self.words = words
        self.slots = slots
    }

    /// Fills the slots for sorted words.
    private static func slots(for words: PackedStrings) -> NumberTable {
        guard !words.isEmpty else { return NumberTable([]) }
        var size = 2
        while size < 2 * words.count { size <<= 1 }
        var slots = [Int32](repeating: 0, count: size)
        words.storage.withUnsafeBufferPointer { bytes in
            for position in words.indices {
                var slot = hash(UnsafeBufferPointer(rebasing: bytes[words.byteRange(position)])) & (size - 1)
                while slots[slot] != 0 { slot = (slot + 1) & (size - 1) }
                slots[slot] = Int32(position + 1)
            }
        }
        return NumberTable(slots)
    }

    /// FNV-1a over the bytes: fixed, so the slots an archive stores find the same words in every
    /// process (Swift's own `Hasher` is seeded afresh in each).
    @inline(__always)
    static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var hash: UInt32 = 2_166_136_261
        for byte in bytes { hash = (hash ^ UInt32(byte)) &* 16_777_619 }
        return Int(hash)
    }

    /// Whether two byte strings of the same length are the same.
    ///
    /// A plain loop: `elementsEqual` over the two buffers cost 2.1 M instructions more a run of the
    /// 146 regression questions (measured).
    @inline(__always)
    private static func same(_ left: UnsafeBufferPointer<UInt8>, _ right: UnsafeBufferPointer<UInt8>) -> Bool {
        for index in left.indices where left[index] != right[index] { return false }
        return true
    }

    public init(arrayLiteral words: String...) {
        self.init(words)
    }

    public var count: Int { words.count }
    public var isEmpty: Bool { words.isEmpty }

    public func makeIterator() -> PackedStrings.Iterator {
        words.makeIterator()
    }

    public func contains(_ word: String) -> Bool {
        index(of: word) != nil
    }

    /// The word's position in sorted order, or nil.
    public func index(of word: String) -> Int? {
        word.withUTF8Bytes { index(ofBytes: $0) }
    }

    /// The position of the word spelt by these UTF-8 bytes, or nil.
    func index(ofBytes bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        let size = slots.count
        guard size > 0 else { return nil }
        return words.storage.withUnsafeBufferPointer { storage in
            var slot = Self.hash(bytes) & (size - 1)
            // At most every slot once: a damaged table may have no empty one.
            for _ in 0..<size {
                let entry = Int(slots[slot])
                if entry == 0 { return nil }
                // Most probes meet another word, most often of another length: the lengths are
                // compared before the bytes.
                if entry <= words.count, case let range = words.byteRange(entry - 1), range.count == bytes.count,
                    Self.same(UnsafeBufferPointer(rebasing: storage[range]), bytes)
                {
                    return entry - 1
                }
                slot = (slot + 1) & (size - 1)
            }
            return nil
        }
    }

    public subscript(position: Int) -> String {
        words[position]
    }

    public func union<S: Sequence<String>>(_ other: S) -> WordSet {
        WordSet(Array(words) + Array(other))
    }
}
