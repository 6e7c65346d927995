/// The features the classifier weighs: content-word stems and adjacent pairs of them.
///
/// Training and classification both call this, so an example and an utterance are always measured
/// the same way.
enum FeatureExtractor {
    static func features(_ tokens: [Token]) -> [String] {
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
