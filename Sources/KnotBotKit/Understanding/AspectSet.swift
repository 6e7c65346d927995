/// A set of aspects by their index in the model's aspect list, held in one machine word.
///
/// Matching runs on every turn; a bit set keeps it free of allocation. The compiler refuses more
/// than 64 aspects.
public struct AspectSet: Sendable, Hashable, Sequence {
    public var bits: UInt64

    public init(bits: UInt64 = 0) {
        self.bits = bits
    }

    /// The most aspects a set can hold.
    public static let capacity = 64

    public static let empty = AspectSet()

    public var isEmpty: Bool { bits == 0 }

    public func contains(_ index: Int) -> Bool { bits & (1 << UInt64(index)) != 0 }

    public mutating func insert(_ index: Int) { bits |= 1 << UInt64(index) }

    public func union(_ other: AspectSet) -> AspectSet { AspectSet(bits: bits | other.bits) }

    public func intersection(_ other: AspectSet) -> AspectSet { AspectSet(bits: bits & other.bits) }

    public func subtracting(_ other: AspectSet) -> AspectSet { AspectSet(bits: bits & ~other.bits) }

    /// The indices in the set, lowest first.
    public var indices: [Int] { Array(self) }

    /// Walks the indices in the set, lowest first, bit by bit: no allocation on the per-turn path.
    public struct Iterator: IteratorProtocol {
        var remaining: UInt64

        public mutating func next() -> Int? {
            guard remaining != 0 else { return nil }
            let index = remaining.trailingZeroBitCount
            remaining &= remaining - 1
            return index
        }
    }

    public func makeIterator() -> Iterator { Iterator(remaining: bits) }
}
