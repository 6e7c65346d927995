import Foundation

/// Turns raw text into tokens: Unicode-normalised, case-folded, rewritten, typo-repaired and stemmed.
///
/// The same analyzer prepares the intents at build time and each utterance at run time, so a word in
/// an example and the same word typed by a person always meet as the same stem.
public struct TextAnalyzer: Sendable {
    public let lexicon: Lexicon
    public let stemmer: Stemmer
    /// Words seen in the intents and red flags; these are never "repaired".
    public let vocabulary: WordSet
    public let corrector: TypoCorrector?

    public init(lexicon: Lexicon, stemmer: Stemmer, vocabulary: WordSet = [], corrector: TypoCorrector? = nil) {
        self.lexicon = lexicon
        self.stemmer = stemmer
        self.vocabulary = vocabulary
        self.corrector = corrector
    }

    /// Compatibility-normalised (NFKC), lower-cased text without accents or invisible format
    /// characters, with Cyrillic and Greek look-alikes inside Latin words made Latin, and typographic
    /// apostrophes made plain.
    public static func normalize(_ text: String) -> String {
        // Most questions are plain ASCII, where all of the below is lower-casing and the backtick:
        // Foundation's normalisation would cost a turn a third of its time.
        if text.utf8.allSatisfy({ $0 < 0x80 }) {
            // Written into the String's own storage: mapped to an array first, then decoded, it cost
            // 70 instructions a character.
            return String(unsafeUninitializedCapacity: text.utf8.count) { buffer in
                var count = 0
                for byte in text.utf8 {
                    buffer[count] =
                        switch byte {
                        case UInt8(ascii: "A")...UInt8(ascii: "Z"): byte + 32
                        case UInt8(ascii: "`"): UInt8(ascii: "'")
                        default: byte
                        }
                    count += 1
                }
                return count
            }
        }
        let folded = ConfusableFolding.fold(text.precomposedStringWithCompatibilityMapping).lowercased()
            .decomposedStringWithCanonicalMapping
        var scalars = String.UnicodeScalarView()
        for scalar in folded.unicodeScalars {
            switch scalar.properties.generalCategory {
            case .nonspacingMark, .enclosingMark:
                continue
            default:
                switch scalar {
                case "\u{2019}", "\u{2018}", "\u{02BC}", "`", "\u{00B4}": scalars.append("'")
                default: scalars.append(scalar)
                }
            }
        }
        return String(scalars).precomposedStringWithCanonicalMapping
    }

    /// The words of normalised text: runs of letters and digits, keeping apostrophes inside words.
    public static func words(inNormalized text: String) -> [String] {
        scan(text).map(\.word)
    }

    /// Words, each flagged when punctuation came before it, and when that punctuation ended a sentence.
    ///
    /// The first flag marks clause boundaries, so a negation does not reach across one ("No. I fell");
    /// the second marks sentences, the span within which the safety rules combine concepts. A full stop
    /// ends a sentence only when space or the end follows it, so "38.5" and "e.g." stay whole. An
    /// ellipsis is a pause within the sentence ("the urge has just... gone"), so it ends a clause, not
    /// the sentence, unless a question mark stands with it. (The text arrives case-folded, so a
    /// capital after it cannot be told apart.)
    static func scan(_ text: String) -> [(word: String, startsClause: Bool, startsSentence: Bool, afterQuestion: Bool)]
    {
        var words: [(word: String, startsClause: Bool, startsSentence: Bool, afterQuestion: Bool)] = []
        // The word's UTF-8, made a String once it ends: appended to a `String.UnicodeScalarView`,
        // each scalar cost 270 instructions (1.4 M a run of the 146 regression questions).
        var current: [UInt8] = []
        current.reserveCapacity(32)
        var pendingApostrophe = false
        var sawPunctuation = false
        var sawSentenceEnd = false
        // A question mark since the last word: the sentence it ends asked something.
        var sawQuestionMark = false
        // A terminator seen just now, confirmed as a sentence end only by the whitespace after it.
        var pendingTerminator = false
        // Full stops in a row just before this point ("..." counts as "\u{2026}" does).
        var dots = 0
        var sawEllipsis = false
        func flush() {
            if !current.isEmpty {
                let pause = sawEllipsis && !sawQuestionMark
                let ends = sawSentenceEnd && !pause
                words.append(
                    (
                        String(decoding: current, as: UTF8.self), sawPunctuation || words.isEmpty,
                        ends || words.isEmpty, ends && sawQuestionMark
                    ))
                sawEllipsis = false
                sawPunctuation = false
                sawSentenceEnd = false
                sawQuestionMark = false
            }
            current.removeAll(keepingCapacity: true)
            pendingApostrophe = false
        }
        for scalar in text.unicodeScalars {
            let (isWordScalar, isWhitespace) = Self.classify(scalar)
            if isWordScalar {
                if dots >= 2 { sawEllipsis = true }
                dots = 0
                if pendingApostrophe { current.append(UInt8(ascii: "'")) }
                pendingApostrophe = false
                pendingTerminator = false
                if scalar.isASCII {
                    current.append(UInt8(scalar.value))
                } else {
                    UTF8.encode(scalar) { current.append($0) }
                }
            } else if scalar == "'" && !current.isEmpty {
                pendingApostrophe = true
            } else {
                flush()
                if scalar == "\n" || scalar == "\r" || (pendingTerminator && isWhitespace) {
                    sawSentenceEnd = true
                }
                if scalar == "." {
                    dots += 1
                } else if scalar == "\u{2026}" {
                    dots = 2
                } else if !isWhitespace {
                    dots = 0
                }
                switch scalar {
                case ".", "!", "?", ";", "\u{2026}":
                    pendingTerminator = true
                    if scalar == "?" { sawQuestionMark = true }
                case "\"", ")", "'", "\u{201D}": break  // closing marks after a full stop: the sentence still ends
                default: pendingTerminator = false
                }
                if !isWhitespace && scalar != "'" && scalar != "\"" { sawPunctuation = true }
            }
        }
        flush()
        return words
    }

    /// Whether a scalar belongs to a word (a letter or a number) and whether it is whitespace.
    ///
    /// ASCII is settled by its code: the Unicode property lookups cost about 300 instructions a
    /// character in the statically linked standard library, and most questions are all ASCII.
    @inline(__always)
    static func classify(_ scalar: Unicode.Scalar) -> (isWord: Bool, isWhitespace: Bool) {
        let value = scalar.value
        if value < 0x80 {
            let isWord = (0x61...0x7A).contains(value) || (0x41...0x5A).contains(value) || (0x30...0x39).contains(value)
            return (isWord, value == 0x20 || (0x09...0x0D).contains(value))
        }
        let properties = scalar.properties
        return (properties.isAlphabetic || properties.numericType != nil, properties.isWhitespace)
    }

    /// Words after lexicon rewrites and contraction splitting, before typo repair.
    public func rewrittenWords(_ text: String) -> [String] {
        rewrittenScan(text).map(\.word)
    }

    func rewrittenScan(_ text: String) -> [(
        word: String, startsClause: Bool, startsSentence: Bool, afterQuestion: Bool
    )] {
        var result: [(word: String, startsClause: Bool, startsSentence: Bool, afterQuestion: Bool)] = []
        let scanned = Self.scan(Self.normalize(text))
        result.reserveCapacity(scanned.count + 4)
        for (word, startsClause, startsSentence, afterQuestion) in scanned {
            let rewritten = lexicon.rewrites[word]
            // A word neither rewritten nor with an apostrophe, most of them, stands as it is, with no
            // array made for it.
            if rewritten == nil, !word.utf8.contains(UInt8(ascii: "'")) {
                result.append((word, startsClause, startsSentence, afterQuestion))
                continue
            }
            let parts = rewritten ?? Self.splitContraction(word)
            for (index, part) in parts.enumerated() {
                result.append(
                    (part, startsClause && index == 0, startsSentence && index == 0, afterQuestion && index == 0))
            }
        }
        return result
    }

    /// `haven't` -> `have not`, `won't` -> `will not`, `can't` -> `cannot`; `'s`, `'re`, `'ll`, `'ve`,
    /// `'d`, `'m` are dropped (possessives and auxiliaries carry no intent).
    static func splitContraction(_ word: String) -> [String] {
        // Most words have no apostrophe; finding that among the bytes is a few instructions, where
        // searching the Characters cost 1,600 a word.
        guard word.utf8.contains(UInt8(ascii: "'")), let apostrophe = word.lastIndex(of: "'") else { return [word] }
        let suffix = word[word.index(after: apostrophe)...]
        let base = String(word[..<apostrophe])
        if suffix == "t" && base.hasSuffix("n") {
            switch base {
            case "can", "ca": return ["cannot"]
            case "won", "wo": return ["will", "not"]
            case "ain": return ["is", "not"]
            default: return [String(base.dropLast()), "not"]
            }
        }
        if ["s", "re", "ll", "ve", "d", "m"].contains(suffix) {
            return base.isEmpty ? [] : [base]
        }
        return [word.replacingOccurrences(of: "'", with: "")]
    }

    /// The stems of a phrase from a data file (no typo repair: data files are spelt as meant).
    public func stems(ofPhrase phrase: String) -> [String] {
        rewrittenWords(phrase).map { stemmer.stem($0) }
    }

    /// The stems of a pattern from a data file, with `Aspect.gap` where it has a `*` (a run of
    /// other words: "why * hurt").
    public func stems(ofPattern pattern: String) -> [String] {
        Self.joiningGaps(of: pattern) { stems(ofPhrase: $0) }
    }

    /// The parts of a pattern between its `*`s, each turned into stems, with `Aspect.gap` between.
    private static func joiningGaps(of pattern: String, _ stems: (String) -> [String]) -> [String] {
        var phrase: [String] = []
        for (index, part) in pattern.split(separator: "*", omittingEmptySubsequences: false).enumerated() {
            if index > 0 { phrase.append(Aspect.gap) }
            phrase += stems(String(part))
        }
        return phrase
    }

    /// A keyword pattern's stems, marked as an utterance's are when keywords are matched.
    ///
    /// Words a negation reaches carry "!" ("does not hurt" gives "doe", "not", "!hurt"), so a
    /// keyword that says a negation finds the same words in a question; unmarked, it never could.
    public func keywordStems(ofPattern pattern: String) -> [String] {
        Self.joiningGaps(of: pattern) { part in
            FeatureExtractor.markedStems(
                rewrittenScan(part).map { scanned in
                    Token(
                        original: scanned.word, word: scanned.word, stem: stemmer.stem(scanned.word),
                        isStopword: lexicon.stopwords.contains(scanned.word), startsClause: scanned.startsClause)
                })
        }
    }

    /// Analyses an utterance into tokens.
    public func analyze(_ text: String) -> [Token] {
        let tokens = rewrittenScan(text).map { word, startsClause, startsSentence, afterQuestion in
            var repaired = word
            var wasRepaired = false
            // The corrector is bound last: binding it copies it (its tables retained and released),
            // which every word paid when it came first (0.4 M instructions a run of the 146
            // regression questions), and most words are known.
            if !vocabulary.contains(word), !lexicon.stopwords.contains(word), !lexicon.knownWords.contains(word),
                corrector != nil, !lexicon.knownStems.contains(stemmer.stem(word)), let corrector,
                let fix = corrector.repair(word)
            {
                repaired = fix
                wasRepaired = true
            }
            return Token(
                original: word, word: repaired, stem: stemmer.stem(repaired),
                isStopword: lexicon.stopwords.contains(repaired), wasRepaired: wasRepaired,
                startsClause: startsClause, startsSentence: startsSentence, afterQuestion: afterQuestion)
        }
        // "Ok, and at home?" is read from "and": an opener followed by a comma (or by another
        // opener) says nothing. "Right side" keeps its "right"; a message of openers alone ("ok")
        // keeps them.
        var first = 0
        while first + 1 < tokens.count, lexicon.openers.contains(tokens[first].word),
            tokens[first + 1].startsClause || tokens[first + 1].startsSentence
                || lexicon.openers.contains(tokens[first + 1].word)
        {
            first += 1
        }
        guard first > 0, first < tokens.count else { return tokens }
        var rest = Array(tokens[first...])
        rest[0].startsClause = true
        return rest
    }
}
