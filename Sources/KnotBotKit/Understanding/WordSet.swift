/// A set of words kept sorted in one packed buffer and searched by bisection.
///
/// The lexicon's word lists and the classifier's features are loaded at every start; stored sorted,
/// they decode as two array copies with no hash table to build, and a lookup costs a dozen byte
/// comparisons.
public struct WordSet: Sendable, Hashable, ExpressibleByArrayLiteral, Sequence {
    /// The words in ascending UTF-8 byte order, each once.
    public let words: PackedStrings

    public init<S: Sequence<String>>(_ words: S) {
        var sorted = Array(words)
        sorted.sort { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        var unique: [String] = []
        unique.reserveCapacity(sorted.count)
        for word in sorted where unique.last != word { unique.append(word) }
        self.words = PackedStrings(unique)
    }

    /// Words already sorted and unique, as `ModelArchive.encode` stores them.
    ///
    /// Checking the order
    /// would cost as much as the rest of decoding the lexicon; a misordered list can only make
    /// lookups miss, never crash.
    init(trustingOrder words: PackedStrings) {
        self.words = words
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
        var word = word
        return word.withUTF8 { index(ofBytes: $0) }
    }

    /// The position of the word spelt by these UTF-8 bytes, or nil.
    func index(ofBytes bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        // The storage and (for the searched lists, which hold them) the ends are borrowed once for
        // the whole search, not at each of its dozen probes; a turn makes about 155 lookups.
        words.storage.withUnsafeBufferPointer { storage in
            words.ends.withHeldNumbers { ends in
                var low = 0
                var high = words.count
                while low < high {
                    let middle = (low + high) / 2
                    let range =
                        ends.map { NumberTable.run(middle, of: $0, within: storage.count) } ?? words.byteRange(middle)
                    let order = PackedStrings.compare(UnsafeBufferPointer(rebasing: storage[range]), bytes)
                    if order == 0 { return middle }
                    if order < 0 { low = middle + 1 } else { high = middle }
                }
                return nil
            }
        }
    }

    public subscript(position: Int) -> String {
        words[position]
    }

    public func union<S: Sequence<String>>(_ other: S) -> WordSet {
        WordSet(Array(words) + Array(other))
    }
}
