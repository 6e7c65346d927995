/// Finds red-flag symptoms in an utterance; it runs before the classifier and overrides it.
///
/// A phrase counts unless a negation cue ("no", "not", "never", "without") stands within the
/// window before it in the same clause, so "no fever" and "I haven't fallen" are not red flags while
/// "I can't feel my legs" is (its "cannot" belongs to the symptom and is not a cue).
public struct RedFlagDetector: Sendable {
    public let rules: RedFlagRules

    public init(rules: RedFlagRules) {
        self.rules = rules
    }

    /// Every flag the tokens raise, most serious tier first.
    public func detect(_ tokens: [Token]) -> [RedFlagMatch] {
        let stems = tokens.map(\.stem)
        var matches: [RedFlagMatch] = []
        for flag in rules.flags {
            let covered = coveredIndices(flag, stems: stems)
            for pattern in flag.patterns {
                if let phrases = match(pattern, stems: stems, tokens: tokens, covered: covered) {
                    matches.append(RedFlagMatch(flag: flag, matchedPhrases: phrases))
                    break
                }
            }
        }
        return matches.sorted { $0.flag.tier < $1.flag.tier }
    }

    /// Token positions inside any phrase of the flag: a cue there belongs to a symptom ("no feeling
    /// down there") and must not cancel the next one.
    private func coveredIndices(_ flag: RedFlagRules.Flag, stems: [String]) -> Set<Int> {
        var covered: Set<Int> = []
        for pattern in flag.patterns {
            let phrases: [RedFlagRules.Phrase] =
                switch pattern {
                case .all(let groups): groups.flatMap { $0 }
                case .any(let list): list
                }
            for phrase in phrases {
                for start in occurrences(phrase, stems: stems) {
                    covered.formUnion(start..<(start + phrase.stems.count))
                }
            }
        }
        return covered
    }

    private func match(
        _ pattern: RedFlagRules.Pattern, stems: [String], tokens: [Token], covered: Set<Int>
    ) -> [String]? {
        func occurs(_ phrase: RedFlagRules.Phrase) -> Bool {
            occurrences(phrase, stems: stems).contains { !isNegated(at: $0, tokens: tokens, covered: covered) }
        }
        switch pattern {
        case .any(let phrases):
            return phrases.first(where: occurs).map { [$0.text] }
        case .all(let groups):
            var found: [String] = []
            for group in groups {
                guard let phrase = group.first(where: occurs) else { return nil }
                found.append(phrase.text)
            }
            return found.isEmpty ? nil : found
        }
    }

    /// The start positions of the phrase among the stems.
    private func occurrences(_ phrase: RedFlagRules.Phrase, stems: [String]) -> [Int] {
        let length = phrase.stems.count
        guard length > 0, stems.count >= length else { return [] }
        return (0...(stems.count - length)).filter { start in
            stems[start] == phrase.stems[0] && stems[start..<(start + length)].elementsEqual(phrase.stems)
        }
    }

    private func isNegated(at start: Int, tokens: [Token], covered: Set<Int>) -> Bool {
        var index = start
        var distance = 0
        while index > 0 && distance < rules.negationWindow {
            if tokens[index].startsClause { return false }
            index -= 1
            distance += 1
            let word = tokens[index].word
            if rules.negationBreaks.contains(word) { return false }
            if rules.negationCues.contains(word) && !covered.contains(index) { return true }
        }
        return false
    }
}
