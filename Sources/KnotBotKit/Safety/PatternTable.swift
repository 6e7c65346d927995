/// The red-flag concepts' patterns laid out flat, so the model reads them in place.
///
/// 122 concepts hold 3,062 patterns. Kept as an array of elements per pattern, they were decoded at
/// every start into 3,062 heap blocks (346 KB, 5.5 M instructions: a quarter of a one-shot answer).
/// Flat, they are a few number tables and two word lists that a model read from the embedded archive
/// borrows where they lie. Patterns are numbered in concept order across all concepts.
public struct PatternTable: Sendable, Hashable {
    /// Each concept's name, by number.
    public let names: PackedStrings
    /// Where each concept's patterns end, counted in patterns.
    let conceptEnds: NumberTable
    /// Where each pattern's elements end, counted in elements.
    let patternEnds: NumberTable
    /// Each element as its argument times eight plus its kind (`Kind`).
    let elements: NumberTable
    /// The words stem, prefix and not-followed-by elements name, sorted; their argument is a number here.
    public let words: WordSet
    /// Each pattern as written in `red-flags.yaml`, for explanations and checks.
    public let texts: PackedStrings

    /// What an element matches, as the low three bits of its number.
    enum Kind: Int {
        case stem = 0
        case prefix
        case concept
        case gap
        case notFollowedBy
        case clauseEnd
    }

    /// One element: its kind and its argument (a word's number in `words`, a concept's, or a gap's length).
    struct Step {
        var kind: Kind
        var argument: Int

        /// An element's number read as its kind and argument.
        @inline(__always)
        init(_ element: Int32) {
            let number = Int(element)
            // The initialisers admit only the six kinds.
            kind = Kind(rawValue: number & 7) ?? .clauseEnd
            argument = number >> 3
        }
    }

    /// Lays out the concepts' patterns.
    public init(_ concepts: [RedFlagRules.Concept]) {
        var named: [String] = []
        for concept in concepts {
            for pattern in concept.patterns {
                for element in pattern.elements {
                    switch element {
                    case .stem(let word), .prefix(let word), .notFollowedBy(let word): named.append(word)
                    case .concept, .gap, .clauseEnd: break
                    }
                }
            }
        }
        let words = WordSet(named)
        var conceptEnds: [Int32] = []
        var patternEnds: [Int32] = []
        var elements: [Int32] = []
        for concept in concepts {
            for pattern in concept.patterns {
                for element in pattern.elements {
                    let step: (Kind, Int) =
                        switch element {
                        case .stem(let word): (.stem, words.index(of: word) ?? 0)
                        case .prefix(let word): (.prefix, words.index(of: word) ?? 0)
                        case .concept(let number): (.concept, number)
                        case .gap(let most): (.gap, most)
                        case .notFollowedBy(let word): (.notFollowedBy, words.index(of: word) ?? 0)
                        case .clauseEnd: (.clauseEnd, 0)
                        }
                    elements.append(Int32(step.1 * 8 + step.0.rawValue))
                }
                patternEnds.append(Int32(elements.count))
            }
            conceptEnds.append(Int32(patternEnds.count))
        }
        self.names = PackedStrings(concepts.map(\.name))
        self.conceptEnds = NumberTable(conceptEnds)
        self.patternEnds = NumberTable(patternEnds)
        self.elements = NumberTable(elements)
        self.words = words
        self.texts = PackedStrings(concepts.flatMap { $0.patterns.map(\.text) })
    }

    /// Tables as the archive stores them; `nil` unless every concept's and pattern's run of ends fits.
    ///
    /// The 11,000 elements are not checked (a pass over them cost start-up 0.4 M instructions, a
    /// twentieth of a one-shot answer): every reader of an element keeps it harmless instead. A word
    /// or concept number past the table matches nothing (`word(_:begins:)`, the matcher's concept
    /// step), `element(_:)` spells it as an empty word, and an eighth kind reads as a clause end.
    init?(
        names: PackedStrings, conceptEnds: NumberTable, patternEnds: NumberTable, elements: NumberTable,
        words: WordSet, texts: PackedStrings
    ) {
        guard names.count == conceptEnds.count, texts.count == patternEnds.count,
            Self.runs(conceptEnds, cover: patternEnds.count), Self.runs(patternEnds, cover: elements.count)
        else { return nil }
        self.names = names
        self.conceptEnds = conceptEnds
        self.patternEnds = patternEnds
        self.elements = elements
        self.words = words
        self.texts = texts
    }

    /// Whether running ends never go back and the last is `total`.
    private static func runs(_ ends: NumberTable, cover total: Int) -> Bool {
        var previous: Int32 = 0
        for end in ends {
            guard end >= previous else { return false }
            previous = end
        }
        return Int(previous) == total
    }

    public var conceptCount: Int { names.count }
    public var patternCount: Int { patternEnds.count }
    public var elementCount: Int { elements.count }

    /// The patterns of a concept, by number.
    func patterns(ofConcept concept: Int) -> Range<Int> {
        (concept == 0 ? 0 : Int(conceptEnds[concept - 1]))..<Int(conceptEnds[concept])
    }

    /// The elements of a pattern, by number.
    @inline(__always)
    func elements(ofPattern pattern: Int) -> Range<Int> {
        (pattern == 0 ? 0 : Int(patternEnds[pattern - 1]))..<Int(patternEnds[pattern])
    }

    /// Element `index`, counted across all patterns.
    ///
    /// Inlined, as the detector calls it about 230 times a turn: called, it copied the table first.
    @inline(__always)
    func step(_ index: Int) -> Step {
        Step(elements[index])
    }

    /// Element `index` as the rules spell it.
    func element(_ index: Int) -> RedFlagRules.Element {
        let step = step(index)
        let word = step.argument < words.count ? words[step.argument] : ""
        switch step.kind {
        case .stem: return .stem(word)
        case .prefix: return .prefix(word)
        case .concept: return .concept(step.argument)
        case .gap: return .gap(step.argument)
        case .notFollowedBy: return .notFollowedBy(word)
        case .clauseEnd: return .clauseEnd
        }
    }

    /// Whether word `number` begins `text`, compared as UTF-8 bytes: a prefix element ("tingl*").
    ///
    /// Whole words are compared as numbers instead (`PatternMatcher.stemIDs`): each token's stem is
    /// looked up among the words once per turn.
    func word(_ number: Int, begins text: String) -> Bool {
        guard number < words.count else { return false }
        return words.words.storage.withUnsafeBufferPointer { bytes in
            let word = UnsafeBufferPointer(rebasing: bytes[words.words.byteRange(number)])
            let found = text.utf8.withContiguousStorageIfAvailable { text in
                text.count >= word.count
                    && PackedStrings.compare(UnsafeBufferPointer(rebasing: text[..<word.count]), word) == 0
            }
            return found ?? text.utf8.starts(with: word)
        }
    }

    /// The concepts as the rules spell them (for checks and the compiler, never on a turn).
    public var concepts: [RedFlagRules.Concept] {
        (0..<conceptCount).map { concept in
            RedFlagRules.Concept(
                name: names[concept],
                patterns: patterns(ofConcept: concept).map { pattern in
                    RedFlagRules.Pattern(text: texts[pattern], elements: elements(ofPattern: pattern).map(element))
                })
        }
    }
}
