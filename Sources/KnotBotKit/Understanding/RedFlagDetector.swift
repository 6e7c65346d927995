/// Finds red-flag symptoms in an utterance; it runs before the classifier and overrides it.
///
/// A phrase counts unless a negation cue ("no", "not", "never", "without") stands within the
/// window before it in the same clause, so "no fever" and "I haven't fallen" are not red flags while
/// "I can't feel my legs" is (its "cannot" belongs to the symptom and is not a cue).
public struct RedFlagDetector: Sendable {
    public let rules: RedFlagRules
    /// Every phrase of every flag, numbered in the order `rules` lists them.
    private let phrases: [RedFlagRules.Phrase]
    /// Phrase numbers by first stem: a turn looks only at the phrases that can start at one of its
    /// stems, not at all fifteen hundred of them.
    private let phrasesByFirstStem: [String: [Int]]
    /// For each flag, the number of the first phrase of each of its patterns, and one past its last.
    private let patternStarts: [[Int]]

    public init(rules: RedFlagRules) {
        self.rules = rules
        var phrases: [RedFlagRules.Phrase] = []
        var patternStarts: [[Int]] = []
        for flag in rules.flags {
            var starts: [Int] = []
            for pattern in flag.patterns {
                starts.append(phrases.count)
                phrases += Self.phrases(of: pattern)
            }
            patternStarts.append(starts + [phrases.count])
        }
        self.patternStarts = patternStarts
        var index: [String: [Int]] = [:]
        index.reserveCapacity(phrases.count)
        for (number, phrase) in phrases.enumerated() {
            if let first = phrase.stems.first { index[first, default: []].append(number) }
        }
        self.phrases = phrases
        self.phrasesByFirstStem = index
    }

    private static func phrases(of pattern: RedFlagRules.Pattern) -> [RedFlagRules.Phrase] {
        switch pattern {
        case .all(let groups): groups.flatMap { $0 }
        case .any(let list): list
        }
    }

    /// Every flag the tokens raise, most serious tier first.
    public func detect(_ tokens: [Token]) -> [RedFlagMatch] {
        let stems = tokens.map(\.stem)
        // Where each phrase occurs (by phrase number); a phrase absent here does not occur.
        var starts: [Int: [Int]] = [:]
        for (position, stem) in stems.enumerated() {
            for number in phrasesByFirstStem[stem] ?? [] {
                let words = phrases[number].stems
                if position + words.count <= stems.count,
                    stems[position..<(position + words.count)].elementsEqual(words)
                {
                    starts[number, default: []].append(position)
                }
            }
        }
        guard !starts.isEmpty else { return [] }
        var matches: [RedFlagMatch] = []
        for (flag, bounds) in zip(rules.flags, patternStarts) {
            let numbers = bounds[0]..<bounds[bounds.count - 1]
            // Token positions inside any phrase of the flag: a cue there belongs to a symptom ("no
            // feeling down there") and must not cancel the next one.
            var covered: Set<Int> = []
            for number in numbers {
                for start in starts[number] ?? [] { covered.formUnion(start..<(start + phrases[number].stems.count)) }
            }
            guard !covered.isEmpty else { continue }
            func occurs(_ number: Int) -> Bool {
                (starts[number] ?? []).contains { !isNegated(at: $0, tokens: tokens, covered: covered) }
            }
            for (pattern, first) in zip(flag.patterns, bounds) {
                if let found = match(pattern, firstNumber: first, occurs: occurs) {
                    matches.append(RedFlagMatch(flag: flag, matchedPhrases: found))
                    break
                }
            }
        }
        return matches.sorted { $0.flag.tier < $1.flag.tier }
    }

    /// The phrases that make the pattern fire, or nil; its phrases are numbered from `firstNumber`.
    private func match(
        _ pattern: RedFlagRules.Pattern, firstNumber: Int, occurs: (Int) -> Bool
    ) -> [String]? {
        switch pattern {
        case .any(let list):
            return list.indices.first { occurs(firstNumber + $0) }.map { [list[$0].text] }
        case .all(let groups):
            var found: [String] = []
            var number = firstNumber
            for group in groups {
                guard let hit = group.indices.first(where: { occurs(number + $0) }) else { return nil }
                found.append(group[hit].text)
                number += group.count
            }
            return found.isEmpty ? nil : found
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
