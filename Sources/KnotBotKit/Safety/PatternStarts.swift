/// The concepts' patterns filed by how they start, so a turn tries only those that can match.
///
/// The two indexes file the numbers (`PatternTable`'s, across all concepts) of the patterns that start
/// with a word or a prefix. Filing 2,000 patterns takes a sort that cost 5 M instructions when done at
/// start-up, so the model compiler files them and the archive keeps the result; so too the patterns
/// that start with another concept, and which concepts refer to others at all (finding them walked
/// all 8,000 elements at start-up: 0.5 M instructions).
public struct PatternStarts: Sendable, Hashable {
    /// Pattern numbers by the stem of their first word.
    public let byStem: WordIndex
    /// Pattern numbers by the first `prefixLength` letters of their first element, a prefix ("tingl*").
    public let byLetters: WordIndex
    /// The patterns that start with another concept, ascending (so in the order of their own
    /// concepts), and the concept each starts with.
    let conceptLed: [Int32]
    let leadingConcept: [Int32]
    /// The concepts with a pattern that refers to another concept anywhere, ascending: they are
    /// matched after the concepts they refer to.
    let referring: [Int32]

    /// The letters prefix patterns are filed by.
    public static let prefixLength = 3

    /// Files the patterns of the table.
    public init(_ table: PatternTable) {
        var stems: [(key: String, number: Int)] = []
        var letters: [(key: String, number: Int)] = []
        var conceptLed: [Int32] = []
        var leadingConcept: [Int32] = []
        var referring: [Int32] = []
        for concept in 0..<table.conceptCount {
            for pattern in table.patterns(ofConcept: concept) {
                let elements = table.elements(ofPattern: pattern)
                guard let first = elements.first else { continue }
                switch table.element(first) {
                case .stem(let stem): stems.append((stem, pattern))
                case .prefix(let prefix): letters.append((String(prefix.prefix(Self.prefixLength)), pattern))
                case .concept(let led):
                    conceptLed.append(Int32(pattern))
                    leadingConcept.append(Int32(led))
                default: break
                }
                if referring.last != Int32(concept),
                    elements.contains(where: { table.step($0).kind == .concept })
                {
                    referring.append(Int32(concept))
                }
            }
        }
        self.byStem = WordIndex(stems)
        self.byLetters = WordIndex(letters)
        self.conceptLed = conceptLed
        self.leadingConcept = leadingConcept
        self.referring = referring
    }

    /// Indexes as the archive stores them; `nil` unless each concept-led pattern has its concept.
    ///
    /// The numbers' ranges are checked against the table by the caller (`fits(_:)`).
    init?(
        byStem: WordIndex, byLetters: WordIndex, conceptLed: [Int32], leadingConcept: [Int32], referring: [Int32]
    ) {
        guard conceptLed.count == leadingConcept.count else { return nil }
        self.byStem = byStem
        self.byLetters = byLetters
        self.conceptLed = conceptLed
        self.leadingConcept = leadingConcept
        self.referring = referring
    }

    /// Whether every pattern and concept number filed here is inside the table, and the concept-led
    /// patterns ascend, so the detector can index with them unchecked.
    func fits(_ table: PatternTable) -> Bool {
        byStem.numbers.allSatisfy({ $0 >= 0 && Int($0) < table.patternCount })
            && byLetters.numbers.allSatisfy({ $0 >= 0 && Int($0) < table.patternCount })
            && zip(conceptLed, conceptLed.dropFirst()).allSatisfy({ $0 < $1 })
            && conceptLed.allSatisfy({ $0 >= 0 && Int($0) < table.patternCount })
            && (leadingConcept + referring).allSatisfy({ $0 >= 0 && Int($0) < table.conceptCount })
    }
}
