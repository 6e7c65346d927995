/// Drops invisible format characters and makes look-alike letters in Latin text Latin, so a word
/// spelt to slip past the safety layer reads as the word it shows.
///
/// "fe\u{200D}ll" (a zero-width joiner inside) and "fеll" (with the Cyrillic "е", U+0435) both look
/// like "fell" on screen, and both must raise what "fell" raises. Format characters (general category
/// Cf: zero-width joiner and non-joiner, word joiner U+2060, soft hyphen U+00AD, byte-order mark,
/// direction marks) show nothing inside a word, so they are dropped everywhere. A Cyrillic or Greek
/// letter that looks like a Latin one is replaced inside a word that also holds a Latin letter, and
/// in a word made only of look-alikes ("рее") when the rest of the text is Latin. Cyrillic and Greek
/// text is left alone: a word with a letter that has no Latin twin ("привет"), and every word of a
/// text that holds such a letter or no Latin letter at all ("сахар", whose letters all have twins).
enum ConfusableFolding {
    /// The text with format characters removed and look-alikes folded; the text itself when it holds
    /// neither (one pass, no copy).
    ///
    /// Runs after NFKC (full-width letters are plain Latin by then) and before case folding, so an
    /// upper-case look-alike ("Н", "Τ") maps to the capital it resembles, not its lower-case form.
    static func fold(_ text: String) -> String {
        var needed = false
        var textHasLatin = false
        var textHasOtherScript = false
        for scalar in text.unicodeScalars {
            if isFormat(scalar) || latin(for: scalar) != nil {
                needed = true
            } else if isLatin(scalar) {
                textHasLatin = true
            } else if isCyrillicOrGreek(scalar) && scalar.properties.isAlphabetic {
                textHasOtherScript = true
            }
        }
        guard needed else { return text }
        let textIsLatin = textHasLatin && !textHasOtherScript
        var output = String.UnicodeScalarView()
        var word = String.UnicodeScalarView()
        var hasLatin = false
        var hasLookAlike = false
        var hasOther = false
        func flushWord() {
            if hasLookAlike && !hasOther && (hasLatin || textIsLatin) {
                for scalar in word { output.append(latin(for: scalar) ?? scalar) }
            } else {
                output.append(contentsOf: word)
            }
            word.removeAll(keepingCapacity: true)
            hasLatin = false
            hasLookAlike = false
            hasOther = false
        }
        for scalar in text.unicodeScalars {
            if isFormat(scalar) { continue }
            let properties = scalar.properties
            switch properties.generalCategory {
            case .nonspacingMark, .spacingMark, .enclosingMark:
                word.append(scalar)
                continue
            default:
                break
            }
            guard properties.isAlphabetic else {
                flushWord()
                output.append(scalar)
                continue
            }
            if isLatin(scalar) {
                hasLatin = true
            } else if latin(for: scalar) != nil {
                hasLookAlike = true
            } else {
                hasOther = true
            }
            word.append(scalar)
        }
        flushWord()
        return String(output)
    }

    /// Invisible characters that only shape or direct text (Unicode general category Cf).
    static func isFormat(_ scalar: Unicode.Scalar) -> Bool {
        // The first Cf scalar is U+00AD; below it only ASCII and Latin-1, answered without a lookup.
        scalar.value >= 0xAD && scalar.properties.generalCategory == .format
    }

    /// Greek and Coptic (U+0370-U+03FF), Cyrillic and its Supplement (U+0400-U+052F).
    static func isCyrillicOrGreek(_ scalar: Unicode.Scalar) -> Bool {
        (0x0370...0x052F).contains(scalar.value)
    }

    /// Latin letters: ASCII, Latin-1, Latin Extended-A and -B, and Latin Extended Additional.
    static func isLatin(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x41...0x5A, 0x61...0x7A, 0xC0...0xD6, 0xD8...0xF6, 0xF8...0x24F, 0x1E00...0x1EFF: true
        default: false
        }
    }

    /// The Latin letter a Cyrillic or Greek letter is drawn like in common fonts, or nil.
    ///
    /// Only letters a reader takes for the Latin one at a glance; lower-case Cyrillic "к" and Greek
    /// "κ" are in (they read as "k"), "м", "т" and "н" are not (they look like small capitals).
    static func latin(for scalar: Unicode.Scalar) -> Unicode.Scalar? {
        switch scalar.value {
        // Cyrillic capitals.
        case 0x0410: "A"
        case 0x0412: "B"
        case 0x0415, 0x0401: "E"
        case 0x041A: "K"
        case 0x041C: "M"
        case 0x041D: "H"
        case 0x041E: "O"
        case 0x0420: "P"
        case 0x0421: "C"
        case 0x0422: "T"
        case 0x0423, 0x04AE: "Y"
        case 0x0425: "X"
        case 0x0405: "S"
        case 0x0406, 0x0407: "I"
        case 0x0408: "J"
        case 0x0500: "D"
        case 0x051A: "Q"
        case 0x051C: "W"
        // Cyrillic small letters; the palochka (U+04C0, U+04CF) is drawn as a bare stroke, read as "l".
        case 0x0430: "a"
        case 0x0435, 0x0451: "e"
        case 0x043A: "k"
        case 0x043E: "o"
        case 0x0440: "p"
        case 0x0441: "c"
        case 0x0443, 0x04AF: "y"
        case 0x0445: "x"
        case 0x0455: "s"
        case 0x0456, 0x0457: "i"
        case 0x0458: "j"
        case 0x0501: "d"
        case 0x04BB: "h"
        case 0x051B: "q"
        case 0x051D: "w"
        case 0x04C0, 0x04CF: "l"
        // Greek capitals.
        case 0x0391: "A"
        case 0x0392: "B"
        case 0x0395: "E"
        case 0x0396: "Z"
        case 0x0397: "H"
        case 0x0399: "I"
        case 0x039A: "K"
        case 0x039C: "M"
        case 0x039D: "N"
        case 0x039F: "O"
        case 0x03A1: "P"
        case 0x03A4: "T"
        case 0x03A5: "Y"
        case 0x03A7: "X"
        // Greek small letters, with their accented forms (the accent is dropped later anyway).
        case 0x03B1, 0x03AC: "a"
        case 0x03B5, 0x03AD: "e"
        case 0x03B9, 0x03AF: "i"
        case 0x03BA: "k"
        case 0x03BD: "v"
        case 0x03BF, 0x03CC: "o"
        case 0x03C1: "p"
        case 0x03C5, 0x03CD: "u"
        case 0x03C7: "x"
        default: nil
        }
    }
}
