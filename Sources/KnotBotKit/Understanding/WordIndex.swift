/// Numbers filed under words: sorted keys found through their hashed slots, each with its run of numbers.
///
/// The safety rules' 2,000 patterns and the aspects' 600 phrases are looked up by their first stem on
/// every turn. Held in `[String: [Int]]` dictionaries, building them cost 4.9 M instructions at every
/// start (a sixth of a one-shot answer) and every lookup hashed the stem; filed here, start-up makes
/// three arrays and a lookup hashes the key and compares one or two short byte strings.
public struct WordIndex: Sendable, Hashable {
    /// The distinct keys, in UTF-8 byte order.
    public let keys: WordSet
    /// Where each key's numbers begin in `numbers`; one more entry than `keys`.
    let starts: [Int32]
    /// Every key's numbers, key after key, each key's in the order they were given.
    let numbers: [Int32]

    /// Files each number under its key.
    public init(_ entries: [(key: String, number: Int)]) {
        let packed = PackedStrings(entries.map(\.key))
        // Sorting positions by the packed bytes compares bytes in place (a String comparison would
        // normalise); the position breaks ties, so each key keeps its numbers' order.
        let order = packed.storage.withUnsafeBufferPointer { bytes in
            Array(entries.indices).sorted { left, right in
                let order = PackedStrings.compare(
                    UnsafeBufferPointer(rebasing: bytes[packed.byteRange(left)]),
                    UnsafeBufferPointer(rebasing: bytes[packed.byteRange(right)]))
                return order != 0 ? order < 0 : left < right
            }
        }
        var keys: [String] = []
        var starts: [Int32] = []
        var numbers: [Int32] = []
        numbers.reserveCapacity(entries.count)
        for position in order {
            let key = entries[position].key
            if keys.last != key {
                keys.append(key)
                starts.append(Int32(numbers.count))
            }
            numbers.append(Int32(entries[position].number))
        }
        starts.append(Int32(numbers.count))
        self.keys = WordSet(trustingOrder: PackedStrings(keys))
        self.starts = starts
        self.numbers = numbers
    }

    /// An index as an archive stores it; `nil` unless the runs fit `numbers`.
    ///
    /// The keys' order is trusted, as `WordSet` trusts it: misordered keys can only make a lookup
    /// miss, never crash.
    init?(keys: WordSet, starts: [Int32], numbers: [Int32]) {
        guard starts.count == keys.count + 1, starts.first == 0, starts.last == Int32(numbers.count) else {
            return nil
        }
        for index in starts.indices.dropFirst() where starts[index] < starts[index - 1] { return nil }
        self.keys = keys
        self.starts = starts
        self.numbers = numbers
    }

    /// The numbers filed under `key`, in the order they were given; empty when there are none.
    public func numbers(for key: String) -> ArraySlice<Int32> {
        key.withUTF8Bytes { numbers(forBytes: $0) }
    }

    /// The numbers filed under the key these UTF-8 bytes spell.
    func numbers(forBytes key: UnsafeBufferPointer<UInt8>) -> ArraySlice<Int32> {
        guard let position = keys.index(ofBytes: key) else { return [] }
        return numbers[Int(starts[position])..<Int(starts[position + 1])]
    }
}
