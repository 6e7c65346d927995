/// Finds the aspects an utterance names, looking only at phrases whose first stem it contains.
///
/// Matching runs on every turn against about 600 phrases; indexing them by first stem means a
/// 10-word question checks a handful, with no allocation.
public struct AspectMatcher: Sendable, Hashable {
    struct Reference: Sendable, Hashable {
        var aspect: Int
        var phrase: Int
    }

    let aspects: [Aspect]
    let byFirstStem: [String: [Reference]]

    public init(_ aspects: [Aspect]) {
        self.aspects = aspects
        var index: [String: [Reference]] = [:]
        for (aspectIndex, aspect) in aspects.enumerated() {
            for (phraseIndex, phrase) in aspect.phrases.enumerated() {
                guard let first = phrase.first(where: { $0 != Aspect.gap }) else { continue }
                index[first, default: []].append(Reference(aspect: aspectIndex, phrase: phraseIndex))
            }
        }
        byFirstStem = index
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
            guard let references = byFirstStem[token.stem] else { continue }
            for reference in references {
                let phrase = aspects[reference.aspect].phrases[reference.phrase]
                if phrase.contains(Aspect.gap) {
                    if !found.contains(reference.aspect), Aspect.find(phrase, in: tokens) {
                        found.insert(reference.aspect)
                    }
                } else if Self.occurs(phrase, in: tokens, at: position) {
                    spans.append((reference.aspect, position, phrase.count))
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

    private static func occurs(_ phrase: [String], in tokens: [Token], at start: Int) -> Bool {
        guard tokens.count - start >= phrase.count else { return false }
        for (offset, stem) in phrase.enumerated() where tokens[start + offset].stem != stem { return false }
        return true
    }
}
