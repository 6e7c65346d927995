/// Where each string of a `PackedStrings` ends: an array, or the archive's fixed-width digits read in place.
///
/// The archive writes every end in the same number of six-bit digits (below 0x40, so the archive stays
/// valid UTF-8 text). Read in place, offset `i` costs a few shifts; the 58,000 offsets of a model are
/// then never copied into arrays at start-up.
public struct EndOffsets: Sendable, Hashable, RandomAccessCollection {
    /// The offsets, when they are the model's own.
    private let owned: [Int32]
    /// The digits, when they are borrowed from memory that is never freed.
    private let digits: Digits?

    /// Offsets of the model's own.
    public init(_ ends: [Int32]) {
        owned = ends
        digits = nil
    }

    /// `count` offsets of `width` six-bit digits each, low digit first, at `bytes`; the caller checked
    /// that every digit is below 0x40 and that the offsets never go back.
    init(immortal bytes: UnsafePointer<UInt8>, count: Int, width: Int) {
        owned = []
        digits = Digits(base: bytes, count: count, width: width)
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { digits?.count ?? owned.count }

    public subscript(position: Int) -> Int32 {
        guard let digits else { return owned[position] }
        precondition(position >= 0 && position < digits.count, "end offset out of range")
        var value: Int32 = 0
        let first = digits.base + position * digits.width
        for digit in 0..<digits.width { value |= Int32(first[digit]) << Int32(6 * digit) }
        return value
    }

    public static func == (left: EndOffsets, right: EndOffsets) -> Bool {
        left.elementsEqual(right)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(count)
        for end in self { hasher.combine(end) }
    }

    /// Fixed-width digits in memory that is never freed or written, which any thread may read.
    private struct Digits: @unchecked Sendable {
        let base: UnsafePointer<UInt8>
        let count: Int
        let width: Int
    }
}
