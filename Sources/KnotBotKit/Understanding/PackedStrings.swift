/// A list of strings stored as one buffer of UTF-8 bytes and the offset where each ends.
///
/// The model's long word lists (features, vocabulary, typo targets) are read at every start.
/// Packed, a list of thousands of words is two runs of the archive read in place instead of
/// thousands of separate strings, and a word is compared as bytes where it lies.
public struct PackedStrings: Sendable, Hashable, RandomAccessCollection {
    /// Every string's UTF-8, back to back.
    public let storage: ByteRun
    /// Where each string ends in `storage`; string `i` starts where string `i - 1` ends.
    public let ends: NumberTable

    public init<S: Sequence<String>>(_ strings: S) {
        var storage: [UInt8] = []
        var ends: [Int32] = []
        ends.reserveCapacity(strings.underestimatedCount)
        storage.reserveCapacity(strings.underestimatedCount * 8)
        for string in strings {
            // Copied as one contiguous run: appending the UTF-8 view byte by byte is several times slower.
            var string = string
            string.withUTF8 { storage.append(contentsOf: $0) }
            ends.append(Int32(storage.count))
        }
        self.storage = ByteRun(storage)
        self.ends = NumberTable(ends)
    }

    /// Strings as a copied archive stores them; `nil` unless the ends fit the storage.
    init?(storage: [UInt8], ends: [Int32]) {
        var previous: Int32 = 0
        for end in ends {
            guard end >= previous else { return nil }
            previous = end
        }
        guard Int(previous) == storage.count else { return nil }
        self.init(storage: storage, summedEnds: ends)
    }

    /// Strings whose ends the caller built as running sums of lengths, so they cannot go back.
    init(storage: [UInt8], summedEnds ends: [Int32]) {
        self.storage = ByteRun(storage)
        self.ends = NumberTable(ends)
    }

    /// Strings read in place from an archive; `byteRange` keeps any end inside the storage.
    init(checkedStorage storage: ByteRun, ends: NumberTable) {
        self.storage = storage
        self.ends = ends
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { ends.count }

    public subscript(position: Int) -> String {
        let range = byteRange(position)
        return storage.withUnsafeBufferPointer { buffer in
            String(decoding: UnsafeBufferPointer(rebasing: buffer[range]), as: UTF8.self)
        }
    }

    /// Where string `position` lies in `storage`.
    ///
    /// The ends are kept inside the storage and never going back even when an archive read in place
    /// holds damaged ones, so a damaged list misreads words but never reads past them.
    @inline(__always)
    public func byteRange(_ position: Int) -> Range<Int> {
        ends.run(position, within: storage.count)
    }

    /// Compares string `position` with `bytes` as byte sequences (UTF-8 order is code point order).
    func compare(_ position: Int, with bytes: UnsafeBufferPointer<UInt8>) -> Int {
        let range = byteRange(position)
        return storage.withUnsafeBufferPointer { buffer in
            Self.compare(UnsafeBufferPointer(rebasing: buffer[range]), bytes)
        }
    }

    /// Whether string `position` is `text`, compared as UTF-8 bytes where both lie.
    func equals(_ position: Int, _ text: String) -> Bool {
        let range = byteRange(position)
        // Most words compared differ in length, which a String knows without reading its bytes.
        guard text.utf8.count == range.count else { return false }
        return storage.withUnsafeBufferPointer { buffer in
            let word = UnsafeBufferPointer(rebasing: buffer[range])
            return text.utf8.withContiguousStorageIfAvailable { Self.compare(word, $0) == 0 }
                ?? text.utf8.elementsEqual(word)
        }
    }

    /// Orders two byte strings: -1, 0 or 1, as UTF-8 (code point order).
    static func compare(_ left: UnsafeBufferPointer<UInt8>, _ right: UnsafeBufferPointer<UInt8>) -> Int {
        let length = Swift.min(left.count, right.count)
        for offset in 0..<length where left[offset] != right[offset] {
            return left[offset] < right[offset] ? -1 : 1
        }
        return left.count == right.count ? 0 : (left.count < right.count ? -1 : 1)
    }
}
