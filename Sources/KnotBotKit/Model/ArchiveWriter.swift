/// Appends values to a compact archive that is also valid UTF-8 text.
///
/// Strings are stored as their UTF-8 bytes; every number is stored in bytes below 0x80. The whole
/// archive is therefore valid UTF-8, so the build can embed it as a plain string literal that the
/// binary reads in place: no base64 to decode and no copy at start-up.
///
/// Strings are interned: each distinct string is stored once, in a table that `finish()` puts in
/// front, and every use is its number. A model says "knot" or "back" thousands of times; decoding
/// makes each such string once.
struct ArchiveWriter: Sendable {
    private(set) var bytes: [UInt8] = []
    private var table: [String] = []
    private var numbers: [String: Int] = [:]

    init() {}

    /// The archive: `prefix` (written as is), then the string table, then everything written here.
    func finish(prefix: ArchiveWriter) -> [UInt8] {
        var out = prefix
        out.packed(PackedStrings(table))
        out.bytes.append(contentsOf: bytes)
        return out.bytes
    }

    /// Zig-zag, then six bits per byte, low bits first; bit 6 says another byte follows.
    mutating func int(_ value: Int) {
        let signed = Int64(value)
        var remaining = UInt64(bitPattern: (signed << 1) ^ (signed >> 63))
        while remaining >= 0x40 {
            bytes.append(UInt8(remaining & 0x3f) | 0x40)
            remaining >>= 6
        }
        bytes.append(UInt8(remaining))
    }

    mutating func bool(_ value: Bool) {
        bytes.append(value ? 1 : 0)
    }

    /// A string's number in the table, added to it on first use.
    mutating func string(_ value: String) {
        if let number = numbers[value] {
            int(number)
        } else {
            numbers[value] = table.count
            int(table.count)
            table.append(value)
        }
    }

    /// A string stored in place, for what comes before the table (the format's magic word).
    mutating func rawString(_ value: String) {
        int(value.utf8.count)
        bytes.append(contentsOf: value.utf8)
    }

    mutating func optionalString(_ value: String?) {
        bool(value != nil)
        if let value { string(value) }
    }

    mutating func strings<S: Sequence<String>>(_ values: S) {
        let array = Array(values)
        int(array.count)
        for value in array { string(value) }
    }

    /// Each float's 32 bits in five bytes of seven bits, low bits first.
    mutating func floats(_ values: [Float]) {
        int(values.count)
        for value in values {
            var bits = value.bitPattern
            for _ in 0..<5 {
                bytes.append(UInt8(bits & 0x7f))
                bits >>= 7
            }
        }
    }

    /// The ends as fixed-width numbers, then the bytes as they are (UTF-8 strings back to back stay
    /// valid UTF-8): both are read in place, so an end is stored as the offset itself, not the length.
    mutating func packed(_ strings: PackedStrings) {
        fixedWidth(strings.ends.map { Int($0) }, bound: strings.storage.count + 1)
        int(strings.storage.count)
        bytes.append(contentsOf: strings.storage)
    }

    /// A word set: its sorted words, then its slots (`WordSet(trustingOrder:slots:)` reads them).
    mutating func words(_ set: WordSet) {
        packed(set.words)
        numbers(set.slots)
    }

    /// A table of numbers, in as few digits as its largest needs (`ArchiveReader.numbers` reads it in place).
    mutating func numbers(_ table: NumberTable) {
        let values = table.map { Int($0) }
        fixedWidth(values, bound: (values.max() ?? 0) + 1)
    }

    /// Non-negative numbers below `bound`, each in the same number of six-bit bytes: long runs of
    /// small numbers (the weights' columns and row lengths) then decode without a branch per byte.
    mutating func fixedWidth(_ values: [Int], bound: Int) {
        var digits = 1
        while 1 << (6 * digits) < bound { digits += 1 }
        int(values.count)
        int(digits)
        for value in values {
            precondition(value >= 0 && value < max(bound, 1), "a fixed-width number is out of range")
            for digit in 0..<digits { bytes.append(UInt8((value >> (6 * digit)) & 0x3f)) }
        }
    }

    mutating func list<T>(_ values: [T], _ write: (inout ArchiveWriter, T) -> Void) {
        int(values.count)
        for value in values { write(&self, value) }
    }
}
