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
            for pattern in flag.patterns {
                if let phrases = match(pattern, stems: stems, tokens: tokens) {
                    matches.append(RedFlagMatch(flag: flag, matchedPhrases: phrases))
                    break
                }
            }
        }
        return matches.sorted { $0.flag.tier < $1.flag.tier }
    }

    private func match(_ pattern: RedFlagRules.Pattern, stems: [String], tokens: [Token]) -> [String]? {
        switch pattern {
        case .any(let phrases):
            return phrases.first { occurs($0, stems: stems, tokens: tokens) }.map { [$0.text] }
        case .all(let groups):
            var found: [String] = []
            for group in groups {
                guard let phrase = group.first(where: { occurs($0, stems: stems, tokens: tokens) }) else {
                    return nil
                }
                found.append(phrase.text)
            }
            return found.isEmpty ? nil : found
        }
    }

    /// Whether the phrase occurs at least once without a negation before it.
    private func occurs(_ phrase: RedFlagRules.Phrase, stems: [String], tokens: [Token]) -> Bool {
        let length = phrase.stems.count
        guard length > 0, stems.count >= length else { return false }
        for start in 0...(stems.count - length) where stems[start] == phrase.stems[0] {
            if stems[start..<(start + length)].elementsEqual(phrase.stems), !isNegated(at: start, tokens: tokens) {
                return true
            }
        }
        return false
    }

    private func isNegated(at start: Int, tokens: [Token]) -> Bool {
        var index = start
        var distance = 0
        while index > 0 && distance < rules.negationWindow {
            if tokens[index].startsClause { return false }
            index -= 1
            distance += 1
            let word = tokens[index].word
            if rules.negationBreaks.contains(word) { return false }
            if rules.negationCues.contains(word) { return true }
        }
        return false
    }
}
