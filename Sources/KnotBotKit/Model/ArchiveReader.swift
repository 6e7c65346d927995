/// Reads what `ArchiveWriter` wrote, failing cleanly on a truncated or corrupt archive.
///
/// It reads borrowed bytes in place. Bytes that live as long as the process (the embedded archive,
/// a `StaticString`) may stay borrowed by what it returns: packed word lists point into them. Any
/// other bytes are copied where they are kept, so the reader must not outlive the
/// `withUnsafeBufferPointer`-style scope that lends them; `ModelArchive.decode` is the only one that
/// makes readers.
struct ArchiveReader {
    /// The archive ended early or held an impossible value.
    struct Corrupt: Error, Sendable {
        public var offset: Int
    }

    private let bytes: UnsafeBufferPointer<UInt8>
    /// Whether `bytes` are never freed, so packed lists may point into them instead of copying.
    private let immortal: Bool
    private var offset = 0
    /// The interned strings, once `readTable()` has read them; each is made a `String` where it is
    /// used, so the table itself is never copied.
    private var table = PackedStrings([String]())

    init(_ bytes: UnsafeBufferPointer<UInt8>, immortal: Bool) {
        self.bytes = bytes
        self.immortal = immortal
    }

    var isAtEnd: Bool { offset == bytes.count }

    mutating func int() throws(Corrupt) -> Int {
        // Most numbers in a model (lengths, columns, small counts) fit in one byte.
        if offset < bytes.count, bytes[offset] < 0x40 {
            let byte = UInt64(bytes[offset])
            offset += 1
            return Int(Int64(bitPattern: byte >> 1) ^ -Int64(bitPattern: byte & 1))
        }
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            guard offset < bytes.count, shift < 64 else { throw Corrupt(offset: offset) }
            let byte = bytes[offset]
            guard byte < 0x80 else { throw Corrupt(offset: offset) }
            offset += 1
            value |= UInt64(byte & 0x3f) << shift
            if byte & 0x40 == 0 { break }
            shift += 6
        }
        return Int(Int64(bitPattern: value >> 1) ^ -Int64(bitPattern: value & 1))
    }

    /// A count, checked against what is left so corrupt data cannot ask for huge allocations.
    mutating func count() throws(Corrupt) -> Int {
        let value = try int()
        guard value >= 0, value <= bytes.count - offset + 1 else { throw Corrupt(offset: offset) }
        return value
    }

    mutating func bool() throws(Corrupt) -> Bool {
        guard offset < bytes.count, bytes[offset] <= 1 else { throw Corrupt(offset: offset) }
        defer { offset += 1 }
        return bytes[offset] == 1
    }

    /// Reads the string table that `ArchiveWriter.finish` puts before the body.
    mutating func readTable() throws(Corrupt) {
        table = try packed()
    }

    /// An interned string, by its number in the table.
    mutating func string() throws(Corrupt) -> String {
        let number = try int()
        guard table.indices.contains(number) else { throw Corrupt(offset: offset) }
        return table[number]
    }

    /// A string stored in place (`ArchiveWriter.rawString`).
    mutating func rawString() throws(Corrupt) -> String {
        let length = try count()
        guard length <= bytes.count - offset else { throw Corrupt(offset: offset) }
        let start = offset
        offset += length
        // Decoding repairs any invalid UTF-8 rather than refusing it; the generic validating
        // initialiser costs twenty times as much, and a damaged string cannot crash anything.
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<offset]), as: UTF8.self)
    }

    mutating func optionalString() throws(Corrupt) -> String? {
        try bool() ? try string() : nil
    }

    mutating func strings() throws(Corrupt) -> [String] {
        let number = try count()
        var values: [String] = []
        values.reserveCapacity(number)
        for _ in 0..<number { values.append(try string()) }
        return values
    }

    /// Floats `ArchiveWriter.floats` wrote: read in place from immortal bytes (a group's top bit is
    /// then ignored), else copied and checked.
    mutating func floatTable() throws(Corrupt) -> FloatTable {
        if immortal, let base = bytes.baseAddress {
            let number = try count()
            guard number <= (bytes.count - offset) / 5 else { throw Corrupt(offset: offset) }
            defer { offset += number * 5 }
            return FloatTable(immortal: base + offset, count: number)
        }
        return FloatTable(try floats())
    }

    mutating func floats() throws(Corrupt) -> [Float] {
        let number = try count()
        guard number <= (bytes.count - offset) / 5 else { throw Corrupt(offset: offset) }
        let start = offset
        var invalid = false
        let values = [Float](unsafeUninitializedCapacity: number) { values, initialized in
            var position = start
            for index in 0..<number {
                var bits: UInt32 = 0
                var combined: UInt8 = 0
                for part in 0..<5 {
                    let byte = bytes[position + part]
                    combined |= byte
                    bits |= UInt32(truncatingIfNeeded: UInt64(byte) << (7 * UInt64(part)))
                }
                invalid = invalid || combined >= 0x80
                values[index] = Float(bitPattern: bits)
                position += 5
            }
            initialized = number
        }
        guard !invalid else { throw Corrupt(offset: start) }
        offset += number * 5
        return values
    }

    /// Strings `ArchiveWriter.packed` wrote.
    ///
    /// From immortal bytes both parts stay where they lie and nothing is checked beyond the header:
    /// `PackedStrings.byteRange` keeps every offset inside the storage, so damaged ends can only
    /// misread words, never reach past them (and the tests check the embedded archive round-trips).
    /// Other bytes are copied, and the ends checked as they are.
    mutating func packed() throws(Corrupt) -> PackedStrings {
        try packed(endsInPlace: true)
    }

    /// Strings compared by number on every turn (the red-flag patterns' words): from immortal bytes
    /// the bytes stay in place but the ends are decoded into an array.
    ///
    /// Read in place, each end costs its digits again at every comparison; word sets, which compare
    /// only the one or two words their hashed slots point at, read theirs in place (`packed()`).
    mutating func searchable() throws(Corrupt) -> PackedStrings {
        try packed(endsInPlace: false)
    }

    private mutating func packed(endsInPlace: Bool) throws(Corrupt) -> PackedStrings {
        let run = try fixedWidthRun()
        let length = try count()
        guard length <= bytes.count - offset else { throw Corrupt(offset: offset) }
        let storage = UnsafeBufferPointer(rebasing: bytes[offset..<(offset + length)])
        offset += length
        if immortal, let base = bytes.baseAddress {
            let ends =
                endsInPlace
                ? NumberTable(immortal: base + run.start, count: run.count, width: run.width)
                : NumberTable(try decode(run))
            return PackedStrings(checkedStorage: ByteRun(immortal: storage), ends: ends)
        }
        guard let strings = PackedStrings(storage: Array(storage), ends: try decode(run)) else {
            throw Corrupt(offset: run.start)
        }
        return strings
    }

    /// A table `ArchiveWriter.fixedWidth` wrote: read in place from immortal bytes, else copied.
    mutating func numbers() throws(Corrupt) -> NumberTable {
        let run = try fixedWidthRun()
        if immortal, let base = bytes.baseAddress {
            return NumberTable(immortal: base + run.start, count: run.count, width: run.width)
        }
        return NumberTable(try decode(run))
    }

    mutating func fixedWidth() throws(Corrupt) -> [Int] {
        try fixedWidthNumbers().map(Int.init)
    }

    /// Fixed-width numbers as the model keeps most of them, decoded in one unrolled loop.
    mutating func fixedWidthNumbers() throws(Corrupt) -> [Int32] {
        try decode(try fixedWidthRun())
    }

    /// Where a fixed-width table's digits lie, stepping past them.
    private mutating func fixedWidthRun() throws(Corrupt) -> (start: Int, count: Int, width: Int) {
        let number = try count()
        let width = try int()
        guard (1...5).contains(width), number <= (bytes.count - offset) / width else { throw Corrupt(offset: offset) }
        defer { offset += number * width }
        return (offset, number, width)
    }

    /// A fixed-width table's numbers, checked: every digit below 0x40.
    private func decode(_ run: (start: Int, count: Int, width: Int)) throws(Corrupt) -> [Int32] {
        let numbers = decodeNumbers(run)
        guard numbers.valid else { throw Corrupt(offset: run.start) }
        return numbers.values
    }

    /// A fixed-width table's numbers (at most 30 bits), with whether every digit is below 0x40.
    ///
    /// The widths tables use (1-3 digits) are unrolled, with one OR of every byte checked at the end:
    /// a loop per digit with a check per byte cost 130 instructions a number, 5 M for the 40,000 ends
    /// of the word lists.
    private func decodeNumbers(_ run: (start: Int, count: Int, width: Int)) -> (values: [Int32], valid: Bool) {
        guard run.count > 0, let base = bytes.baseAddress else { return ([], true) }
        var seen: UInt8 = 0
        let values = [Int32](unsafeUninitializedCapacity: run.count) { values, initialized in
            let first = base + run.start
            guard let out = values.baseAddress else { return }
            // One loop per width, so no switch runs per number.
            switch run.width {
            case 1:
                for index in 0..<run.count {
                    seen |= first[index]
                    out[index] = Int32(first[index])
                }
            case 2:
                for index in 0..<run.count {
                    let digits = first + 2 * index
                    seen |= digits[0] | digits[1]
                    out[index] = Int32(digits[0]) | Int32(digits[1]) << 6
                }
            case 3:
                for index in 0..<run.count {
                    let digits = first + 3 * index
                    seen |= digits[0] | digits[1] | digits[2]
                    out[index] = Int32(digits[0]) | Int32(digits[1]) << 6 | Int32(digits[2]) << 12
                }
            default:
                for index in 0..<run.count {
                    let digits = first + run.width * index
                    var value: Int32 = 0
                    for digit in 0..<run.width {
                        seen |= digits[digit]
                        value |= Int32(digits[digit] & 0x3f) << Int32(6 * digit)
                    }
                    out[index] = value
                }
            }
            initialized = run.count
        }
        return (values, seen < 0x40)
    }

    /// Fixed-width lengths read as the running ends they add up to, after `first` when it is given
    /// (a sparse matrix's row starts begin with 0; a phrase table's ends do not), summed in place.
    mutating func runningEnds(after first: Int32?) throws(Corrupt) -> [Int32] {
        var ends = try fixedWidthNumbers()
        // Lengths are never negative, so the sums only grow: if the last fits, every one does.
        var total = Int(first ?? 0)
        ends.withUnsafeMutableBufferPointer { buffer in
            for index in buffer.indices {
                total += Int(buffer[index])
                buffer[index] = Int32(truncatingIfNeeded: total)
            }
        }
        guard total <= Int(Int32.max) else { throw Corrupt(offset: offset) }
        if let first { ends.insert(first, at: 0) }
        return ends
    }

    mutating func list<T>(_ read: (inout ArchiveReader) throws(Corrupt) -> T) throws(Corrupt) -> [T] {
        let number = try count()
        var values: [T] = []
        values.reserveCapacity(number)
        for _ in 0..<number { values.append(try read(&self)) }
        return values
    }
}
