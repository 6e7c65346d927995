/// Finds warning signs in an utterance as concepts; it runs before the classifier and overrides it.
///
/// Each concept is found wherever one of its patterns matches the stems. A match is live unless a
/// negation cue stands within the window before it in its clause ("no fever", "I haven't fallen"),
/// a long-ago phrase shares its clause ("years ago"), or a resolution follows it in the sentence
/// ("... but it's gone now"). Each match belongs to someone: the nearest person word before it in
/// the sentence ("my husband ... fell"), else after it, else a general-question frame makes it
/// nobody's, else the nearest person word in earlier sentences, else the person typing. A flag fires
/// when every concept of one of its rules is live, about the same person, in one sentence (or in
/// the message), and no `unless` concept is live beside them.
public struct RedFlagDetector: Sendable {
    public let rules: RedFlagRules

    /// A pattern of a concept, by numbers.
    private struct PatternRef: Sendable {
        var concept: Int
        var pattern: Int
    }

    /// Patterns by the stem of their first word: a turn looks only at the patterns that can start at
    /// one of its stems.
    private let byFirstStem: [String: [PatternRef]]
    /// Patterns that start with a prefix ("tingl*"), by its first three letters.
    private let byFirstLetters: [String: [PatternRef]]
    /// Patterns that start with another concept, with that concept's number.
    private let byFirstConcept: [(ref: PatternRef, first: Int)]
    /// Whether a concept's patterns refer to other concepts, so it is matched after them.
    private let refersToConcepts: [Bool]

    /// The letters prefix patterns are indexed by.
    static let prefixIndexLength = 3

    public init(rules: RedFlagRules) {
        self.rules = rules
        var byFirstStem: [String: [PatternRef]] = [:]
        var byFirstLetters: [String: [PatternRef]] = [:]
        var byFirstConcept: [(ref: PatternRef, first: Int)] = []
        var refersToConcepts: [Bool] = []
        for (conceptNumber, concept) in rules.concepts.enumerated() {
            var refers = false
            for (patternNumber, pattern) in concept.patterns.enumerated() {
                let ref = PatternRef(concept: conceptNumber, pattern: patternNumber)
                if pattern.elements.contains(where: { if case .concept = $0 { true } else { false } }) {
                    refers = true
                }
                switch pattern.elements.first {
                case .stem(let stem): byFirstStem[stem, default: []].append(ref)
                case .prefix(let letters):
                    byFirstLetters[String(letters.prefix(Self.prefixIndexLength)), default: []].append(ref)
                case .concept(let first): byFirstConcept.append((ref, first))
                default: break
                }
            }
            refersToConcepts.append(refers)
        }
        self.byFirstStem = byFirstStem
        self.byFirstLetters = byFirstLetters
        self.byFirstConcept = byFirstConcept
        self.refersToConcepts = refersToConcepts
    }

    /// A run of tokens, end exclusive.
    struct Span: Hashable {
        var start: Int
        var end: Int
    }

    /// The flags an utterance raises, most serious first (the safety layer's whole verdict is `assess`).
    public func detect(_ tokens: [Token]) -> [RedFlagMatch] {
        assess(tokens).raised
    }

    /// Everything the safety layer finds in the tokens.
    public func assess(_ tokens: [Token]) -> SafetyFindings {
        guard !tokens.isEmpty else { return .none }
        var text = Text(tokens: tokens, rules: rules)
        findConcepts(in: &text)
        guard text.spans.contains(where: { !$0.isEmpty }) else { return .none }
        text.markNegationAndTime()

        var findings = SafetyFindings()
        findings.asksAboutSelfTreatment = text.isLive(role: .selfTreatment)
        if let backPain = rules.roles[.backPain] {
            findings.describesOwnBackPain = text.spans[backPain].contains {
                text.isLive($0, timeless: false) && text.experiencer(of: $0).experiencer == .user
            }
        }
        for flag in rules.flags {
            guard let match = text.match(flag) else { continue }
            if flag.experiencers.contains(match.experiencer) {
                findings.raised.append(match)
            } else {
                findings.heldBack.append(match)
            }
        }
        findings.raised.sort { $0.flag.tier < $1.flag.tier }
        return findings
    }

    /// Fills `text.spans` with every match of every concept.
    private func findConcepts(in text: inout Text) {
        var deferred: [(ref: PatternRef, position: Int)] = []
        for position in text.tokens.indices {
            let token = text.tokens[position]
            var candidates = byFirstStem[token.stem] ?? []
            // Prefixes match the word as typed or as repaired, so a repair never hides a symptom word.
            for word in token.original == token.word ? [token.word] : [token.word, token.original]
            where word.utf8.count >= Self.prefixIndexLength {
                for ref in byFirstLetters[String(word.prefix(Self.prefixIndexLength))] ?? []
                where !candidates.contains(where: { $0.concept == ref.concept && $0.pattern == ref.pattern }) {
                    candidates.append(ref)
                }
            }
            for ref in candidates {
                if refersToConcepts[ref.concept] {
                    deferred.append((ref, position))
                } else {
                    text.add(ref.concept, pattern: rules.concepts[ref.concept].patterns[ref.pattern], at: position)
                }
            }
        }
        guard !deferred.isEmpty || !byFirstConcept.isEmpty else { return }
        // Concepts refer only to earlier ones, so matching in order finds every span a reference needs.
        for concept in rules.concepts.indices where refersToConcepts[concept] {
            for (ref, position) in deferred where ref.concept == concept {
                text.add(concept, pattern: rules.concepts[concept].patterns[ref.pattern], at: position)
            }
            for (ref, first) in byFirstConcept where ref.concept == concept {
                for start in text.spans[first].map(\.start) {
                    text.add(concept, pattern: rules.concepts[concept].patterns[ref.pattern], at: start)
                }
            }
        }
    }
}

extension RedFlagDetector {
    /// One utterance being assessed: its tokens, sentences, concept matches and what is live.
    struct Text {
        let tokens: [Token]
        let rules: RedFlagRules
        /// The sentence number of each token.
        let sentence: [Int]
        /// The first token of each sentence, and one past the last token at the end.
        let sentenceStarts: [Int]
        /// Matches of each concept, by concept number.
        var spans: [[Span]]
        /// Tokens inside some concept's match: a negation cue there belongs to a symptom ("no feeling").
        var covered: [Bool]
        /// Tokens a negation cue reaches.
        var negated: [Bool] = []
        /// Tokens in a clause with a long-ago phrase, or before a resolution in their sentence.
        var past: [Bool] = []

        init(tokens: [Token], rules: RedFlagRules) {
            self.tokens = tokens
            self.rules = rules
            var sentence: [Int] = []
            var starts: [Int] = [0]
            sentence.reserveCapacity(tokens.count)
            for (index, token) in tokens.enumerated() {
                if index > 0 && token.startsSentence { starts.append(index) }
                sentence.append(starts.count - 1)
            }
            starts.append(tokens.count)
            self.sentence = sentence
            self.sentenceStarts = starts
            self.spans = Array(repeating: [], count: rules.concepts.count)
            self.covered = Array(repeating: false, count: tokens.count)
        }

        /// Records a match of the pattern starting at `position`, if it matches there.
        mutating func add(_ concept: Int, pattern: RedFlagRules.Pattern, at position: Int) {
            guard let end = end(of: pattern.elements[...], at: position, in: sentence[position]),
                end > position
            else { return }
            let span = Span(start: position, end: end)
            if !spans[concept].contains(span) {
                spans[concept].append(span)
                // A cue among a pattern's own leading words belongs to the symptom ("no feeling",
                // "did not ... feel"); words a gap skipped over are not the pattern's, so a cue there
                // still negates ("no tingling, no numb bum").
                let leading = pattern.elements.prefix { element in
                    switch element {
                    case .stem, .prefix, .notFollowedBy: true
                    default: false
                    }
                }
                let words = leading.count == pattern.elements.count ? end - position : leading.count
                for index in position..<min(end, position + words) { covered[index] = true }
            }
        }

        /// Where the elements, matched from `position`, end; nil if they do not match there.
        private func end(of elements: ArraySlice<RedFlagRules.Element>, at position: Int, in number: Int) -> Int? {
            guard let element = elements.first else { return position }
            let rest = elements.dropFirst()
            let inSentence = position < tokens.count && sentence[position] == number
            switch element {
            case .stem(let stem):
                guard inSentence, tokens[position].stem == stem else { return nil }
                return end(of: rest, at: position + 1, in: number)
            case .prefix(let letters):
                guard inSentence,
                    tokens[position].word.hasPrefix(letters) || tokens[position].original.hasPrefix(letters)
                else { return nil }
                return end(of: rest, at: position + 1, in: number)
            case .concept(let concept):
                guard inSentence else { return nil }
                for span in spans[concept] where span.start == position {
                    if let found = end(of: rest, at: span.end, in: number) { return found }
                }
                return nil
            case .gap(let most):
                for skip in 0...most {
                    let next = position + skip
                    // Every word skipped must be in the sentence.
                    if skip > 0 && !(next - 1 < tokens.count && sentence[next - 1] == number) { break }
                    if let found = end(of: rest, at: next, in: number) { return found }
                }
                return nil
            case .notFollowedBy(let stem):
                if inSentence && tokens[position].stem == stem { return nil }
                return end(of: rest, at: position, in: number)
            case .clauseEnd:
                guard position == tokens.count || tokens[position].startsClause else { return nil }
                return end(of: rest, at: position, in: number)
            }
        }

        /// Marks what negation cues reach, and what long-ago and resolution phrases put in the past.
        mutating func markNegationAndTime() {
            negated = tokens.indices.map { isNegated(at: $0) }
            past = Array(repeating: false, count: tokens.count)
            if let longAgo = rules.roles[.longAgo] {
                for span in spans[longAgo] where !negated[span.start] {
                    for index in clause(around: span) { past[index] = true }
                }
            }
            if let resolved = rules.roles[.resolved] {
                for span in spans[resolved] where !negated[span.start] {
                    // "That was years ago." at the head of a sentence looks back at the one before.
                    let number = sentence[span.start]
                    let from =
                        span.start == sentenceStarts[number] && number > 0
                        ? sentenceStarts[number - 1] : sentenceStarts[number]
                    for index in from..<span.start { past[index] = true }
                }
            }
        }

        /// The tokens of the clause a span is in: up to punctuation or a break word either side.
        func clause(around span: Span) -> Range<Int> {
            var start = span.start
            while start > 0 && !tokens[start].startsClause && !rules.negationBreaks.contains(tokens[start - 1].word) {
                start -= 1
            }
            var end = span.end
            while end < tokens.count && !tokens[end].startsClause && !rules.negationBreaks.contains(tokens[end].word) {
                end += 1
            }
            return start..<end
        }

        private func isNegated(at start: Int) -> Bool {
            var index = start
            var distance = 0
            while index > 0 && distance < rules.negationWindow {
                if tokens[index].startsClause { return false }
                index -= 1
                distance += 1
                let word = tokens[index].word
                if rules.negationBreaks.contains(word) { return false }
                if rules.negationCues.contains(word) && !covered[index] { return true }
            }
            return false
        }

        /// Whether a match counts: not negated, and not in the past unless the flag is timeless.
        func isLive(_ span: Span, timeless: Bool) -> Bool {
            !negated[span.start] && (timeless || !past[span.start])
        }

        func isLive(role: RedFlagRules.Role) -> Bool {
            guard let concept = rules.roles[role] else { return false }
            return spans[concept].contains { isLive($0, timeless: false) }
        }

        private func hasLive(_ role: RedFlagRules.Role, inSentence number: Int) -> Bool {
            guard let concept = rules.roles[role] else { return false }
            return spans[concept].contains { sentence[$0.start] == number && !negated[$0.start] }
        }

        /// Whose a match is, and where the person word that decided it stands (nil when none did).
        func experiencer(of span: Span) -> (experiencer: RedFlagRules.Experiencer, marker: Int?) {
            if let history = rules.roles[.familyHistory],
                spans[history].contains(where: { !negated[$0.start] && clause(around: $0).contains(span.start) })
            {
                return (.family, nil)
            }
            let number = sentence[span.start]
            let start = sentenceStarts[number]
            let end = sentenceStarts[number + 1]
            for index in stride(from: span.end - 1, through: start, by: -1) {
                if let found = person(at: index) { return (found, index) }
            }
            for index in span.end..<end {
                if let found = person(at: index) { return (found, index) }
            }
            if hasLive(.generalQuestion, inSentence: number) { return (.general, nil) }
            for index in stride(from: start - 1, through: 0, by: -1) {
                if let found = person(at: index) { return (found, index) }
            }
            return (.user, nil)
        }

        private func person(at index: Int) -> RedFlagRules.Experiencer? {
            if let other = rules.roles[.someoneElse],
                spans[other].contains(where: { $0.start <= index && index < $0.end })
            {
                return .other
            }
            if let user = rules.roles[.user], spans[user].contains(where: { $0.start <= index && index < $0.end }) {
                return .user
            }
            return nil
        }

        /// The flag's match in this text, if every concept of one of its rules is found.
        func match(_ flag: RedFlagRules.Flag) -> RedFlagMatch? {
            let groups: [Range<Int>] =
                switch flag.scope {
                case .sentence: (0..<(sentenceStarts.count - 1)).map { sentenceStarts[$0]..<sentenceStarts[$0 + 1] }
                case .message: [0..<tokens.count]
                }
            var heldBack: RedFlagMatch?
            for rule in flag.when {
                for range in groups {
                    guard let found = match(rule, of: flag, in: range) else { continue }
                    if flag.experiencers.contains(found.experiencer) { return found }
                    heldBack = heldBack ?? found
                }
            }
            return heldBack
        }

        private func match(_ rule: RedFlagRules.Rule, of flag: RedFlagRules.Flag, in range: Range<Int>)
            -> RedFlagMatch?
        {
            let concepts = rule.concepts
            // An exclusion counts unless it lies inside the flag's own words ("not dieting" holds "dieting").
            let own = concepts.flatMap { spans[$0] }.filter { range.contains($0.start) }
            let blocked = (flag.unless + rule.except).contains { concept in
                spans[concept].contains { span in
                    range.contains(span.start) && isLive(span, timeless: false)
                        && !own.contains { $0.start <= span.start && span.end <= $0.end && $0 != span }
                }
            }
            if blocked { return nil }
            // For each concept, its live matches by whose they are.
            var options: [[RedFlagRules.Experiencer: Span]] = []
            for concept in concepts {
                var byPerson: [RedFlagRules.Experiencer: Span] = [:]
                for span in spans[concept] where range.contains(span.start) && isLive(span, timeless: flag.timeless) {
                    let person = experiencer(of: span).experiencer
                    if byPerson[person] == nil { byPerson[person] = span }
                }
                if byPerson.isEmpty { return nil }
                options.append(byPerson)
            }
            for person in RedFlagRules.Experiencer.allCases {
                let chosen = options.compactMap { $0[person] }
                guard chosen.count == options.count else { continue }
                var experiencer = person
                if flag.timeless, person != .user, concepts.count == 1, isFamilyHistory(in: range) {
                    experiencer = .family
                } else if person == .other, concepts.count == 1, let span = chosen.first,
                    isRelativesPastIllness(span)
                {
                    experiencer = .family
                }
                let phrases = chosen.map { span in tokens[span.start..<span.end].map(\.original).joined(separator: " ")
                }
                return RedFlagMatch(flag: flag, experiencer: experiencer, matchedPhrases: phrases)
            }
            return nil
        }

        /// A relative's illness told in the past ("my nan had a hunchback"), with no back pain of
        /// theirs described now.
        private func isRelativesPastIllness(_ span: Span) -> Bool {
            guard let marker = experiencer(of: span).marker, let relative = rules.roles[.relative],
                let past = rules.roles[.relativePast],
                spans[relative].contains(where: { $0.start <= marker && marker < $0.end }),
                spans[past].contains(where: { $0.start > marker && $0.start <= marker + 2 })
            else { return false }
            guard let backPain = rules.roles[.backPain] else { return true }
            return !spans[backPain].contains { experiencer(of: $0).experiencer == .other && !negated[$0.start] }
        }

        /// A relative's condition told as family history ("runs in my family"), or about a relative
        /// whose own back pain is not described.
        private func isFamilyHistory(in range: Range<Int>) -> Bool {
            if let history = rules.roles[.familyHistory],
                spans[history].contains(where: { range.contains($0.start) && !negated[$0.start] })
            {
                return true
            }
            guard let backPain = rules.roles[.backPain] else { return true }
            return !spans[backPain].contains { experiencer(of: $0).experiencer == .other && !negated[$0.start] }
        }
    }
}
