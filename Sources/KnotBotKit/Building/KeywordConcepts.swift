/// Expands `@name` in a keyword phrase into each word or phrase of a lexicon concept.
///
/// "but * @place * @hurting" stands for "but * hip * hurts", "but * leg * sore" and every other
/// pairing, so a new body part is one word added to `place` in `lexicon.yaml`, not a phrase added
/// to every intent that needs it.
public enum KeywordConcepts {
    /// The most phrases one pattern may stand for: a pattern naming three large concepts is an error,
    /// not thousands of keywords (400 is some twenty times the largest such pattern in the data).
    static let maximumExpansion = 400

    /// Why a pattern cannot be expanded.
    public enum Problem: Error, Equatable, Sendable {
        /// It names a concept the lexicon does not define.
        case unknown(String)
        /// It stands for more phrases than `maximumExpansion`.
        case tooMany(Int)

        /// The diagnostic's wording for the pattern.
        func message(for pattern: String) -> String {
            switch self {
            case .unknown(let name):
                "keyword '\(pattern)' names '@\(name)', which is not a concept in lexicon.yaml"
            case .tooMany(let count):
                "keyword '\(pattern)' stands for \(count) phrases; at most \(KeywordConcepts.maximumExpansion)"
            }
        }
    }

    /// The phrases a pattern stands for: itself when it names no concept.
    static func expand(_ pattern: String, concepts: [String: [String]]) -> Result<[String], Problem> {
        guard pattern.contains("@") else { return .success([pattern]) }
        var phrases = [""]
        for word in pattern.split(separator: " ") {
            var choices = [String(word)]
            if word.hasPrefix("@") {
                let name = String(word.dropFirst())
                guard let entries = concepts[name], !entries.isEmpty else { return .failure(.unknown(name)) }
                choices = entries
            }
            var next: [String] = []
            next.reserveCapacity(phrases.count * choices.count)
            for phrase in phrases {
                for choice in choices { next.append(phrase.isEmpty ? choice : phrase + " " + choice) }
            }
            guard next.count <= maximumExpansion else { return .failure(.tooMany(next.count)) }
            phrases = next
        }
        return .success(phrases)
    }

    /// The definitions with every keyword's synonyms expanded, and a diagnostic, with the keyword's
    /// line, for each pattern that cannot be.
    static func expanding(_ definitions: [IntentDefinition], concepts: [String: [String]])
        -> ([IntentDefinition], [Diagnostic])
    {
        var diagnostics: [Diagnostic] = []
        var expanded = definitions
        for index in expanded.indices {
            let file = expanded[index].file
            for keywordIndex in expanded[index].keywords.indices {
                var keyword = expanded[index].keywords[keywordIndex]
                if keyword.term.contains("@") {
                    diagnostics.append(
                        Diagnostic(
                            file: file, line: keyword.line,
                            message: "keyword term '\(keyword.term)' cannot name a concept; put it in its synonyms"))
                }
                guard keyword.synonyms.contains(where: { $0.contains("@") }) else { continue }
                var synonyms: [String] = []
                for pattern in keyword.synonyms {
                    switch expand(pattern, concepts: concepts) {
                    case .success(let phrases): synonyms += phrases
                    case .failure(let problem):
                        diagnostics.append(
                            Diagnostic(file: file, line: keyword.line, message: problem.message(for: pattern)))
                    }
                }
                keyword.synonyms = synonyms
                expanded[index].keywords[keywordIndex] = keyword
            }
        }
        return (expanded, diagnostics)
    }
}
