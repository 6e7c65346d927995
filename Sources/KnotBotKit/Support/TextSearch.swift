/// Substring search over UTF-8 bytes, for the turn path.
///
/// With Foundation imported, `String.contains(_:)` given a string resolves to Foundation's, which
/// bridges to NSString and searches UTF-16: 31,000 instructions a call, a quarter of a warm turn's
/// 127,000 where the answer planner checks a topic's key words. Comparing bytes costs a few hundred.
public enum TextSearch {
    /// Whether `text` holds `word`, letters A-Z in `text` read as a-z (key words are lower case).
    ///
    /// Only ASCII letters are folded: lowercasing the text first would allocate a copy per call,
    /// and the key words the intents name are ASCII.
    public static func contains(_ text: String, _ word: String, foldingASCIICase: Bool = false) -> Bool {
        text.withUTF8Bytes { haystack in
            word.withUTF8Bytes { needle in
                guard !needle.isEmpty else { return true }
                guard needle.count <= haystack.count else { return false }
                let first = needle[0]
                for start in 0...(haystack.count - needle.count) {
                    guard fold(haystack[start], foldingASCIICase) == first else { continue }
                    var offset = 1
                    while offset < needle.count, fold(haystack[start + offset], foldingASCIICase) == needle[offset] {
                        offset += 1
                    }
                    if offset == needle.count { return true }
                }
                return false
            }
        }
    }

    /// Whether `text` holds the byte `byte` (an ASCII character such as "?").
    public static func contains(_ text: String, byte: UInt8) -> Bool {
        text.utf8.contains(byte)
    }

    @inline(__always)
    private static func fold(_ byte: UInt8, _ folding: Bool) -> UInt8 {
        folding && byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
    }
}
