/// Reads what `ArchiveWriter` wrote, failing cleanly on a truncated or corrupt archive.
public struct ArchiveReader {
    /// The archive ended early or held an impossible value.
    public struct Corrupt: Error, Sendable {
        public var offset: Int
    }

    private let bytes: [UInt8]
    private var offset = 0

    public init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    public var isAtEnd: Bool { offset == bytes.count }

    public mutating func int() throws(Corrupt) -> Int {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            guard offset < bytes.count, shift < 64 else { throw Corrupt(offset: offset) }
            let byte = bytes[offset]
            offset += 1
            value |= UInt64(byte & 0x7f) << shift
            if byte < 0x80 { break }
            shift += 7
        }
        return Int(Int64(bitPattern: value))
    }

    /// A count, checked against what is left so corrupt data cannot ask for huge allocations.
    public mutating func count() throws(Corrupt) -> Int {
        let value = try int()
        guard value >= 0, value <= bytes.count - offset + 1 else { throw Corrupt(offset: offset) }
        return value
    }

    public mutating func bool() throws(Corrupt) -> Bool {
        guard offset < bytes.count, bytes[offset] <= 1 else { throw Corrupt(offset: offset) }
        defer { offset += 1 }
        return bytes[offset] == 1
    }

    public mutating func string() throws(Corrupt) -> String {
        let length = try count()
        guard offset + length <= bytes.count else { throw Corrupt(offset: offset) }
        defer { offset += length }
        return bytes.withUnsafeBufferPointer { buffer in
            String(decoding: UnsafeBufferPointer(rebasing: buffer[offset..<(offset + length)]), as: UTF8.self)
        }
    }

    public mutating func optionalString() throws(Corrupt) -> String? {
        try bool() ? try string() : nil
    }

    public mutating func strings() throws(Corrupt) -> [String] {
        let number = try count()
        var values: [String] = []
        values.reserveCapacity(number)
        for _ in 0..<number { values.append(try string()) }
        return values
    }

    public mutating func floats() throws(Corrupt) -> [Float] {
        let number = try int()
        guard number >= 0, offset + number * 4 <= bytes.count else { throw Corrupt(offset: offset) }
        var values = [Float](repeating: 0, count: number)
        for index in 0..<number {
            let base = offset + index * 4
            let bits =
                UInt32(bytes[base]) | UInt32(bytes[base + 1]) << 8 | UInt32(bytes[base + 2]) << 16
                | UInt32(bytes[base + 3]) << 24
            values[index] = Float(bitPattern: bits)
        }
        offset += number * 4
        return values
    }

    public mutating func list<T>(_ read: (inout ArchiveReader) throws(Corrupt) -> T) throws(Corrupt) -> [T] {
        let number = try count()
        var values: [T] = []
        values.reserveCapacity(number)
        for _ in 0..<number { values.append(try read(&self)) }
        return values
    }
}
