/// The concepts' patterns filed by how they start, so a turn tries only those that can match.
///
/// The two indexes file the numbers (`PatternTable`'s, across all concepts) of the patterns that start
/// with a word or a prefix. Filing 2,000 patterns takes a sort that cost 5 M instructions when done at
/// start-up, so the model compiler files them and the archive keeps the result.
public struct PatternStarts: Sendable, Hashable {
    /// Pattern numbers by the stem of their first word.
    public let byStem: WordIndex
    /// Pattern numbers by the first `prefixLength` letters of their first element, a prefix ("tingl*").
    public let byLetters: WordIndex

    /// The letters prefix patterns are filed by.
    public static let prefixLength = 3

    /// Files the patterns of the table.
    public init(_ table: PatternTable) {
        var stems: [(key: String, number: Int)] = []
        var letters: [(key: String, number: Int)] = []
        for pattern in 0..<table.patternCount {
            let elements = table.elements(ofPattern: pattern)
            guard let first = elements.first else { continue }
            switch table.element(first) {
            case .stem(let stem): stems.append((stem, pattern))
            case .prefix(let prefix): letters.append((String(prefix.prefix(Self.prefixLength)), pattern))
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
}
