/// Bytes a model keeps: an array of its own, or a run of the archive embedded in the binary.
///
/// The embedded archive is a `StaticString`, which lives in the binary's read-only data for the whole
/// process, so a model decoded from it can point at its bytes instead of copying them: a one-shot
/// answer then never touches the 400 KB of word lists it does not look at, and copying them had cost
/// about 130 page faults (a quarter of what start-up added to a minimal Swift program's).
public struct ByteRun: Sendable, Hashable, RandomAccessCollection {
    /// The array, when the bytes are the model's own.
    private let owned: [UInt8]
    /// The first byte, when the bytes are borrowed from memory that is never freed.
    private let borrowed: Immortal?

    /// Bytes of the model's own.
    public init(_ bytes: [UInt8]) {
        owned = bytes
        borrowed = nil
    }

    /// Bytes that stay where they are for the life of the process (a `StaticString`'s).
    init(immortal bytes: UnsafeBufferPointer<UInt8>) {
        owned = []
        borrowed = Immortal(bytes: bytes)
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { borrowed?.bytes.count ?? owned.count }

    public subscript(position: Int) -> UInt8 {
        if let borrowed { return borrowed.bytes[position] }
        return owned[position]
    }

    /// Lends the bytes as one contiguous buffer, wherever they lie.
    @inline(__always)
    public func withUnsafeBufferPointer<Result>(_ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        if let borrowed { return body(borrowed.bytes) }
        return owned.withUnsafeBufferPointer(body)
    }

    public static func == (left: ByteRun, right: ByteRun) -> Bool {
        left.withUnsafeBufferPointer { a in right.withUnsafeBufferPointer { b in a.elementsEqual(b) } }
    }

    public func hash(into hasher: inout Hasher) {
        withUnsafeBufferPointer { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
    }

    /// A pointer into memory that is never freed or written, which any thread may read.
    private struct Immortal: @unchecked Sendable {
        let bytes: UnsafeBufferPointer<UInt8>
    }
}
