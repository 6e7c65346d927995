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
    public func aspects(in tokens: [Token]) -> AspectSet {
        var found = AspectSet()
        for token in tokens {
            guard let references = byFirstStem[token.stem] else { continue }
            for reference in references where !found.contains(reference.aspect) {
                if Aspect.find(aspects[reference.aspect].phrases[reference.phrase], in: tokens) {
                    found.insert(reference.aspect)
                }
            }
        }
        return found
    }
}
