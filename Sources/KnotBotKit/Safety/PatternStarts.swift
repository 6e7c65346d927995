/// The concepts' patterns filed by how they start, so a turn tries only those that can match.
///
/// Patterns are numbered in concept order, counting only those that start with a word or a prefix
/// (`forEachNumbered(_:_:)`); the two indexes file those numbers. Filing 2,000 patterns takes a sort that cost
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
        var number = 0
        Self.forEachNumbered(concepts) { _, _, element in
            switch element {
            case .stem(let stem): stems.append((stem, number))
            case .prefix(let prefix): letters.append((String(prefix.prefix(Self.prefixLength)), number))
            default: break
            }
            number += 1
        }
        self.init(byStem: WordIndex(stems), byLetters: WordIndex(letters))
    }

    /// Indexes as the archive stores them.
    init(byStem: WordIndex, byLetters: WordIndex) {
        self.byStem = byStem
        self.byLetters = byLetters
    }

    /// Visits the patterns that start with a word or a prefix, in concept order.
    ///
    /// The numbers count these visits. Nothing is collected, so the detector and the archive's check
    /// allocate nothing.
    static func forEachNumbered(
        _ concepts: [RedFlagRules.Concept],
        _ visit: (_ concept: Int, _ pattern: Int, _ first: RedFlagRules.Element) -> Void
    ) {
        for (conceptNumber, concept) in concepts.enumerated() {
            for (patternNumber, pattern) in concept.patterns.enumerated() {
                if let first = pattern.elements.first, first.isWordStart { visit(conceptNumber, patternNumber, first) }
            }
        }
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
