/// Finds the aspects an utterance names, looking only at phrases whose first stem it contains.
///
/// Matching runs on every turn against about 600 phrases; indexing them by first stem means a
/// 10-word question checks a handful, with no allocation and no hashing.
public struct AspectMatcher: Sendable, Hashable {
    struct Reference: Sendable, Hashable {
        var aspect: Int
        var phrase: Int
    }

    let aspects: [Aspect]
    /// Every phrase with a stem, by number: the numbers `byFirstStem` files.
    let references: [Reference]
    /// Phrase numbers by the phrase's first stem (a gap skipped).
    let byFirstStem: WordIndex

    public init(_ aspects: [Aspect]) {
        let references = Self.references(aspects)
        let entries = references.enumerated().map { number, reference in
            (key: Self.firstStem(aspects[reference.aspect].phrases[reference.phrase]) ?? "", number: number)
        }
        self.init(aspects, references: references, byFirstStem: WordIndex(entries))
    }

    /// A matcher whose phrases were filed before (the archive keeps `byFirstStem`; filing 600 phrases
    /// at start-up cost 1.3 M instructions); `nil` when the index names a phrase that does not exist.
    init?(_ aspects: [Aspect], filed byFirstStem: WordIndex) {
        let references = Self.references(aspects)
        guard byFirstStem.numbers.allSatisfy({ $0 < references.count }) else { return nil }
        self.init(aspects, references: references, byFirstStem: byFirstStem)
    }

    private init(_ aspects: [Aspect], references: [Reference], byFirstStem: WordIndex) {
        self.aspects = aspects
        self.references = references
        self.byFirstStem = byFirstStem
    }

    /// Every phrase that has a stem, in aspect order: what the index's numbers mean.
    private static func references(_ aspects: [Aspect]) -> [Reference] {
        var references: [Reference] = []
        // Sized once: grown by doubling, the 1,000 references allocated and copied 33 KB at start-up.
        references.reserveCapacity(aspects.reduce(0) { $0 + $1.phrases.count })
        for (aspectIndex, aspect) in aspects.enumerated() {
            let list = aspect.phrases
            // A phrase has a stem unless every stem in it is a gap; asked of the bytes, so the
            // 1,000 phrases are not made into arrays at start-up.
            for phraseIndex in list.indices
            where list.stemRange(phraseIndex).contains(where: { !list.stems.byteRange($0).isEmpty }) {
                references.append(Reference(aspect: aspectIndex, phrase: phraseIndex))
            }
        }
        return references
    }

    /// The stem a phrase is filed under: its first, a gap skipped.
    private static func firstStem(_ phrase: [String]) -> String? {
        phrase.first { $0 != Aspect.gap }
    }

    /// The aspects whose phrases the tokens hold.
    ///
    /// The longest phrase wins where two aspects' phrases overlap: "sports massage" is massage, not
    /// the person's sport as well, and "blood thinners" is not blood flow. A phrase only inside a
    /// longer one of another aspect counts only if it also occurs on its own.
    public func aspects(in tokens: [Token]) -> AspectSet {
        var found = AspectSet()
        // Contiguous matches, as (aspect, start, length); a turn holds a handful.
        var spans: [(aspect: Int, start: Int, length: Int)] = []
        for (position, token) in tokens.enumerated() {
            for number in byFirstStem.numbers(for: token.stem) {
                let reference = references[Int(number)]
                let list = aspects[reference.aspect].phrases
                let range = list.stemRange(reference.phrase)
                // A phrase of one stem has no gap: a referenced phrase has a stem.
                if range.count > 1, range.contains(where: { list.stems.byteRange($0).isEmpty }) {
                    // A phrase with a gap (a few of the 1,000) is searched for anywhere.
                    if !found.contains(reference.aspect), Aspect.find(range, of: list.stems, in: tokens) {
                        found.insert(reference.aspect)
                    }
                } else if Self.occurs(range, of: list.stems, in: tokens, at: position) {
                    spans.append((reference.aspect, position, range.count))
                }
            }
        }
        for span in spans where !found.contains(span.aspect) {
            let shadowed = spans.contains { other in
                other.aspect != span.aspect && other.length > span.length && other.start <= span.start
                    && other.start + other.length >= span.start + span.length
            }
            if !shadowed { found.insert(span.aspect) }
        }
        return found
    }

    /// Whether the stems `phrase` of `stems` stand in the tokens from `start`, compared as bytes.
    private static func occurs(_ phrase: Range<Int>, of stems: PackedStrings, in tokens: [Token], at start: Int) -> Bool
    {
        guard tokens.count - start >= phrase.count else { return false }
        for (offset, stem) in phrase.enumerated() where !stems.equals(stem, tokens[start + offset].stem) {
            return false
        }
        return true
    }
}
