extension String {
    /// The number of characters, as `count` gives it, read off the UTF-8 length for plain text.
    ///
    /// Answers are held to a limit in characters and measured several times a turn; counting
    /// grapheme clusters cost about 10 instructions a character, 8,000 for one answer. Where every
    /// byte is ASCII and none is a carriage return (the one ASCII pair, CR LF, that makes a single
    /// character), each byte is one character.
    var characterCount: Int {
        let plain = utf8.withContiguousStorageIfAvailable { bytes in
            bytes.allSatisfy { $0 < 0x80 && $0 != 0x0D } ? bytes.count : nil
        }
        return (plain ?? nil) ?? count
    }
}
