/// The features the classifier weighs: content-word stems and adjacent pairs of them.
///
/// Training and classification both call this, so an example and an utterance are always measured
/// the same way.
enum FeatureExtractor {
    /// Words that put the next few words of their clause in a negation ("not the spine").
    static let negations: WordSet = ["not", "no", "never", "without", "nor", "neither"]
    /// How many content words a negation reaches.
    static let negationReach = 3
    /// Words that end a negation's reach: "not sure, but stretching helps"; a question word opens
    /// what is asked, which the negation of knowing before it does not touch ("I don't get why a
    /// knot would even hurt" asks why a knot hurts).
    static let negationEnds: WordSet = ["but", "just", "only", "why", "how", "what", "whether", "which"]

    /// Every token's stem, with the ones inside a negation marked "!" ("not the spine" gives
    /// "not", "the", "!spine"), so keywords do not count a negated word as evidence.
    static func markedStems(_ tokens: [Token]) -> [String] {
        var stems: [String] = []
        stems.reserveCapacity(tokens.count)
        var negated = 0
        for token in tokens {
            if token.startsClause || token.negation == .ends { negated = 0 }
            if token.negation == .negates {
                negated = negationReach
                stems.append(token.stem)
                continue
            }
            if negated > 0 && !token.isStopword {
                stems.append("!" + token.stem)
                negated -= 1
            } else {
                stems.append(token.stem)
            }
        }
        return stems
    }

    /// The tokens with every word a negation reaches given its marked stem ("!weight"), which no
    /// phrase has: what is denied ("I haven't lost any weight") is not taken as told.
    static func affirmed(_ tokens: [Token]) -> [Token] {
        let stems = markedStems(tokens)
        var affirmed = tokens
        for index in affirmed.indices where stems[index] != affirmed[index].stem { affirmed[index].stem = stems[index] }
        return affirmed
    }

    static func features(_ tokens: [Token]) -> [String] {
        // Learned features keep negated words as they are: "is it not my spine?" is still about the
        // spine. Only keywords, the maintainers' strong evidence, skip negated words (`markedStems`).
        let contentTokens = tokens.filter { !$0.isStopword }
        let content = contentTokens.map(\.stem)
        var features = content
        // The word itself as well as its stem: "causes" (the noun) and "cause" (the verb) share a
        // stem but not a meaning.
        for token in contentTokens where token.word != token.stem {
            features.append("=" + token.word)
        }
        if content.count > 1 {
            for index in 1..<content.count {
                features.append(content[index - 1] + " " + content[index])
            }
        }
        var seen: Set<String> = []
        return features.filter { seen.insert($0).inserted }
    }

    /// Whether `phrase` occurs as consecutive stems in `stems`.
    static func contains(_ stems: [String], phrase: [String]) -> Bool {
        guard !phrase.isEmpty, stems.count >= phrase.count else { return false }
        for start in 0...(stems.count - phrase.count) where stems[start] == phrase[0] {
            if stems[start..<(start + phrase.count)].elementsEqual(phrase) { return true }
        }
        return false
    }
}
