/// The concepts' patterns filed by how they start, so a turn tries only those that can match.
///
/// Patterns are numbered in concept order, counting only those that start with a word or a prefix
/// (`numbered(_:)`); the two indexes file those numbers. Filing 2,000 patterns takes a sort that cost
/// 5 M instructions when done at start-up, so the model compiler files them and the archive keeps
/// the result.
public struct PatternStarts: Sendable, Hashable {
    /// Pattern numbers by the stem of their first word.
    public let byStem: WordIndex
    /// Pattern numbers by the first `prefixLength` letters of their first element, a prefix ("tingl*").
    public let byLetters: WordIndex

    /// The letters prefix patterns are filed by.
    public static let prefixLength = 3

    /// Files the patterns of the concepts.
    public init(_ concepts: [RedFlagRules.Concept]) {
        var stems: [(key: String, number: Int)] = []
        var letters: [(key: String, number: Int)] = []
        for (number, element) in Self.numbered(concepts).map(\.first).enumerated() {
            switch element {
            case .stem(let stem): stems.append((stem, number))
            case .prefix(let prefix): letters.append((String(prefix.prefix(Self.prefixLength)), number))
            default: break
            }
        }
        self.init(byStem: WordIndex(stems), byLetters: WordIndex(letters))
    }

    /// Indexes as the archive stores them.
    init(byStem: WordIndex, byLetters: WordIndex) {
        self.byStem = byStem
        self.byLetters = byLetters
    }

    /// The patterns that start with a word or a prefix, in concept order: what the numbers mean.
    static func numbered(_ concepts: [RedFlagRules.Concept]) -> [(
        concept: Int, pattern: Int, first: RedFlagRules.Element
    )] {
        var result: [(concept: Int, pattern: Int, first: RedFlagRules.Element)] = []
        for (conceptNumber, concept) in concepts.enumerated() {
            for (patternNumber, pattern) in concept.patterns.enumerated() {
                switch pattern.elements.first {
                case .some(let first) where first.isWordStart:
                    result.append((conceptNumber, patternNumber, first))
                default: break
                }
            }
        }
        return result
    }
}

extension RedFlagRules.Element {
    /// Whether a pattern starting with this element is filed by its first word.
    var isWordStart: Bool {
        switch self {
        case .stem, .prefix: true
        default: false
        }
    }
}
