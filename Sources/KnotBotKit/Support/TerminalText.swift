/// Text from outside (a transcript, a data file) made safe to print on a terminal.
///
/// Control characters (C0, DEL, C1; ESC starts every escape sequence and U+009B is a one-byte CSI)
/// and the bidirectional embeddings, overrides and isolates that reorder what a line shows are
/// written as `\u{...}`. With `quoting`, a backslash and a double quote are escaped too, so the
/// result reads as the body of a string literal.
public enum TerminalText {
    public static func escaped(_ text: String, quoting: Bool = false) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x5C where quoting: result += "\\\\"
            case 0x22 where quoting: result += "\\\""
            case 0x0A: result += "\\n"
            case 0x09: result += "\\t"
            case _ where isUnsafe(scalar): result += code(scalar)
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// Whether a terminal would act on the scalar rather than show it: a C0 control (line feed and
    /// tab included), DEL, a C1 control, or a bidirectional embedding, override or isolate
    /// (U+202A-U+202E, U+2066-U+2069).
    public static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F, 0x202A...0x202E, 0x2066...0x2069: true
        default: false
        }
    }

    /// JSON text with every scalar a terminal acts on written as a `\uXXXX` escape.
    ///
    /// JSONEncoder escapes C0 controls but writes DEL, C1 controls and direction overrides as they
    /// are; outside strings JSON has only ASCII punctuation, so each is inside a string, where the
    /// escape means the same character.
    public static func escapedJSON(_ json: String) -> String {
        guard json.unicodeScalars.contains(where: isUnsafe) else { return json }
        var result = ""
        result.reserveCapacity(json.utf8.count)
        for scalar in json.unicodeScalars {
            if isUnsafe(scalar) && scalar != "\n" {
                let hex = String(scalar.value, radix: 16, uppercase: true)
                result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// `\u{1B}`: how `escaped` writes a scalar, and how messages name one.
    public static func code(_ scalar: Unicode.Scalar) -> String {
        "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
    }
}
