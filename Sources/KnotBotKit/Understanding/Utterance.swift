/// What a person typed, made safe to process and to print back.
public struct Utterance: Sendable, Hashable {
    /// Longer input is cut to this many characters; the bot says so.
    public static let maximumLength = 2_000

    /// The text without control characters or terminal escape sequences, whitespace collapsed.
    public var text: String
    /// Whether the input was longer than `maximumLength` and was cut.
    public var wasTruncated: Bool
    /// Whether the input held what no one types: invalid UTF-8, control characters or terminal
    /// escape sequences (binary data, a pasted log, a stray key sequence).
    public var isGarbled: Bool

    public init(_ raw: String) {
        var output = String.UnicodeScalarView()
        var scalars = raw.unicodeScalars.makeIterator()
        var lastWasSpace = true
        var count = 0
        var truncated = false
        var garbled = false
        while let scalar = scalars.next() {
            if scalar == "\u{1B}" {
                Self.skipEscapeSequence(&scalars)
                garbled = true
                continue
            }
            // Printable ASCII, most of any message, is kept without Unicode property lookups (about
            // 300 instructions a character in the statically linked standard library).
            if scalar.value <= 0x20 || scalar.value >= 0x7F {
                let isControl = scalar.properties.generalCategory == .control || scalar == "\u{9B}"
                if (isControl && scalar != "\t") || scalar == "\u{FFFD}" { garbled = true }
                let isSpace = isControl || scalar.properties.isWhitespace
                if isSpace {
                    // A space counts against the limit like any character (a trailing one is dropped
                    // below, so the limit is never exceeded).
                    if !lastWasSpace && count < Self.maximumLength {
                        output.append(" ")
                        lastWasSpace = true
                        count += 1
                    }
                    continue
                }
                if scalar.properties.generalCategory == .format && scalar != "\u{200D}" { continue }
            }
            if count >= Self.maximumLength {
                truncated = true
                break
            }
            output.append(scalar)
            lastWasSpace = false
            count += 1
        }
        var text = String(output)
        if text.hasSuffix(" ") { text.removeLast() }
        self.text = text
        self.wasTruncated = truncated
        self.isGarbled = garbled
    }

    /// Skips a CSI (`ESC [ ... final`), OSC (`ESC ] ... BEL or ESC \`) or two-character escape.
    private static func skipEscapeSequence(_ scalars: inout String.UnicodeScalarView.Iterator) {
        guard let introducer = scalars.next() else { return }
        switch introducer {
        case "[":
            while let scalar = scalars.next() {
                if (0x40...0x7E).contains(scalar.value) { return }
            }
        case "]", "P", "_", "^", "X":
            var previous: Unicode.Scalar?
            while let scalar = scalars.next() {
                if scalar == "\u{07}" || (previous == "\u{1B}" && scalar == "\\") { return }
                previous = scalar
            }
        default:
            return
        }
    }

    public var isEmpty: Bool { text.isEmpty }

    /// Whether the text has a question mark anywhere: the dialogue asks this of a turn several times.
    public var hasQuestionMark: Bool { TextSearch.contains(text, byte: UInt8(ascii: "?")) }
}
