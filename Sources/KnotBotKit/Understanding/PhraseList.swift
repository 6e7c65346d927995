/// Phrases of stems as one packed list and where each phrase ends, read in place from the archive.
///
/// The 63 aspects hold about 1,000 phrases. As an array of stem arrays each they were decoded at
/// every start into 1,000 arrays (1 M instructions, a tenth of a one-shot answer); a turn looks at a
/// handful, made into arrays when asked for.
public struct PhraseList: Sendable, Hashable, RandomAccessCollection, ExpressibleByArrayLiteral {
    /// Every phrase's stems, back to back.
    public let stems: PackedStrings
    /// Where each phrase ends in `stems`, counted in stems.
    public let ends: NumberTable

    public init(_ phrases: [[String]]) {
        var ends: [Int32] = []
        ends.reserveCapacity(phrases.count)
        var count = 0
        for phrase in phrases {
            count += phrase.count
            ends.append(Int32(count))
        }
        self.stems = PackedStrings(phrases.joined())
        self.ends = NumberTable(ends)
    }

    public init(arrayLiteral phrases: [String]...) {
        self.init(phrases)
    }

    /// Phrases as an archive stores them; `stemRange` keeps every end inside the stems.
    init(stems: PackedStrings, ends: NumberTable) {
        self.stems = stems
        self.ends = ends
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { ends.count }

    /// Where phrase `position` lies in `stems`, kept inside them even if the archive's ends are damaged.
    public func stemRange(_ position: Int) -> Range<Int> {
        ends.run(position, within: stems.count)
    }

    /// Phrase `position`'s stems.
    public subscript(position: Int) -> [String] {
        stemRange(position).map { stems[$0] }
    }
}
