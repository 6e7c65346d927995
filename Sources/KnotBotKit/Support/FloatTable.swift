/// Floats a model keeps: an array, or the archive's seven-bit groups read in place.
///
/// The archive writes each float's 32 bits as five bytes of seven bits (below 0x80, so the archive
/// stays valid UTF-8 text). Read in place, a float costs five shifts; the classifiers' 60,000 weights
/// are then never copied into arrays at start-up, where decoding them cost 1 M instructions and
/// 60 page faults.
public struct FloatTable: Sendable, Hashable, RandomAccessCollection {
    /// The floats, when they are the model's own.
    private let owned: [Float]
    /// The groups, when they are borrowed from memory that is never freed.
    private let groups: Groups?

    /// Floats of the model's own.
    public init(_ values: [Float]) {
        owned = values
        groups = nil
    }

    /// `count` floats of five seven-bit groups each, low bits first, at `bytes`; a group's top bit is
    /// ignored.
    init(immortal bytes: UnsafePointer<UInt8>, count: Int) {
        owned = []
        groups = Groups(base: bytes, count: count)
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { groups?.count ?? owned.count }

    @inline(__always)
    public subscript(position: Int) -> Float {
        guard let groups else { return owned[position] }
        precondition(position >= 0 && position < groups.count, "float out of range")
        let first = groups.base + position * 5
        var bits: UInt64 = 0
        for group in 0..<5 { bits |= UInt64(first[group] & 0x7f) << UInt64(7 * group) }
        return Float(bitPattern: UInt32(truncatingIfNeeded: bits))
    }

    public static func == (left: FloatTable, right: FloatTable) -> Bool {
        left.count == right.count && zip(left, right).allSatisfy { $0.bitPattern == $1.bitPattern }
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(count)
        for value in self { hasher.combine(value.bitPattern) }
    }

    /// Five-byte groups in memory that is never freed or written, which any thread may read.
    private struct Groups: @unchecked Sendable {
        let base: UnsafePointer<UInt8>
        let count: Int
    }
}
