/// Non-negative numbers a model keeps: an array, or the archive's fixed-width digits read in place.
///
/// The archive writes each table's numbers in the same number of six-bit digits (below 0x40, so the
/// archive stays valid UTF-8 text). Read in place, number `i` costs a few shifts; the 58,000 string
/// ends and the red-flag patterns' 11,000 numbers are then never copied into arrays at start-up.
/// A number is at most 30 bits; the caller checks what it means (an offset, a concept's number).
public struct NumberTable: Sendable, Hashable, RandomAccessCollection {
    /// The numbers, when they are the model's own.
    private let owned: [Int32]
    /// The digits, when they are borrowed from memory that is never freed.
    private let digits: Digits?

    /// Numbers of the model's own.
    public init(_ numbers: [Int32]) {
        owned = numbers
        digits = nil
    }

    /// `count` numbers of `width` six-bit digits each, low digit first, at `bytes`; a digit's two top
    /// bits are ignored.
    init(immortal bytes: UnsafePointer<UInt8>, count: Int, width: Int) {
        owned = []
        digits = Digits(base: bytes, count: count, width: width)
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { digits?.count ?? owned.count }

    // Inlined, and unrolled for the widths tables have (1-3 digits: up to 262,143): the model's
    // tables are read in loops (binary searches on every turn) where a call and a digit loop per
    // number cost more than the number.
    @inline(__always)
    public subscript(position: Int) -> Int32 {
        guard let digits else { return owned[position] }
        precondition(position >= 0 && position < digits.count, "number out of range")
        let first = digits.base + position * digits.width
        switch digits.width {
        case 1: return Int32(first[0] & 0x3f)
        case 2: return Int32(first[0] & 0x3f) | Int32(first[1] & 0x3f) << 6
        case 3: return Int32(first[0] & 0x3f) | Int32(first[1] & 0x3f) << 6 | Int32(first[2] & 0x3f) << 12
        default:
            var value: Int32 = 0
            for digit in 0..<digits.width { value |= Int32(first[digit] & 0x3f) << Int32(6 * digit) }
            return value
        }
    }

    /// The run from number `position - 1` (0 for the first) to number `position`, read as running
    /// ends and kept inside `0..<limit`, never going back: a damaged archive read in place can then
    /// only misread a run, never reach past what it indexes.
    @inline(__always)
    func run(_ position: Int, within limit: Int) -> Range<Int> {
        let upper = Swift.min(Int(self[position]), limit)
        return (position == 0 ? 0 : Swift.min(Int(self[position - 1]), upper))..<upper
    }

    /// `run(_:within:)` over ends lent by `withHeldNumbers`.
    @inline(__always)
    static func run(_ position: Int, of ends: UnsafeBufferPointer<Int32>, within limit: Int) -> Range<Int> {
        let upper = Swift.min(Int(ends[position]), limit)
        return (position == 0 ? 0 : Swift.min(Int(ends[position - 1]), upper))..<upper
    }

    /// Lends the numbers as a buffer when they are held as numbers (nil when read in place), for
    /// loops that read many.
    @inline(__always)
    func withHeldNumbers<Result>(_ body: (UnsafeBufferPointer<Int32>?) -> Result) -> Result {
        digits == nil ? owned.withUnsafeBufferPointer { body($0) } : body(nil)
    }

    public static func == (left: NumberTable, right: NumberTable) -> Bool {
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
