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

    /// The concept of each pattern, by the pattern's number in `rules.patterns`.
    private let conceptOf: [Int32]
    /// Patterns that start with another concept, with that concept's number, in concept order.
    private let byFirstConcept: [(pattern: Int, first: Int)]
    /// Whether a concept's patterns refer to other concepts, so it is matched after them.
    private let refersToConcepts: [Bool]
    /// Each flag's rules' concepts, laid flat.
    ///
    /// Where each flag's rules end (in rules), where each rule's concepts end, and the concepts. A
    /// flag none of whose rules has all its concepts found is passed over with a few reads. Asked of
    /// the flag itself, each of a turn's 14 flags was copied (its rules and lists retained and
    /// released), 0.75 M instructions a run of the regression questions, and a turn's matches reach
    /// one or two flags.
    private let flagRuleEnds: [Int32]
    private let ruleConceptEnds: [Int32]
    private let ruleConcepts: [Int32]

    public init(rules: RedFlagRules) {
        self.rules = rules
        let table = rules.patterns
        var conceptOf: [Int32] = []
        conceptOf.reserveCapacity(table.patternCount)
        for concept in 0..<table.conceptCount {
            conceptOf.append(contentsOf: repeatElement(Int32(concept), count: table.patterns(ofConcept: concept).count))
        }
        // The model files which patterns start with a concept and which concepts refer to others
        // (`PatternStarts`), and checks their numbers when it is read.
        let starts = rules.patternStarts
        var refersToConcepts = [Bool](repeating: false, count: table.conceptCount)
        for concept in starts.referring { refersToConcepts[Int(concept)] = true }
        self.conceptOf = conceptOf
        self.byFirstConcept = zip(starts.conceptLed, starts.leadingConcept).map { (Int($0), Int($1)) }
        self.refersToConcepts = refersToConcepts
        var flagRuleEnds: [Int32] = []
        var ruleConceptEnds: [Int32] = []
        var ruleConcepts: [Int32] = []
        for flag in rules.flags {
            for rule in flag.when {
                ruleConcepts.append(contentsOf: rule.concepts.map(Int32.init))
                ruleConceptEnds.append(Int32(ruleConcepts.count))
            }
            flagRuleEnds.append(Int32(ruleConceptEnds.count))
        }
        self.flagRuleEnds = flagRuleEnds
        self.ruleConceptEnds = ruleConceptEnds
        self.ruleConcepts = ruleConcepts
    }

    /// Whether one of the flag's rules has every concept found (what `Text.match` asks first).
    private func mayMatch(flag: Int, _ spans: ConceptSpans) -> Bool {
        let rules = (flag == 0 ? 0 : Int(flagRuleEnds[flag - 1]))..<Int(flagRuleEnds[flag])
        return rules.contains { rule in
            let concepts = (rule == 0 ? 0 : Int(ruleConceptEnds[rule - 1]))..<Int(ruleConceptEnds[rule])
            return concepts.allSatisfy { !spans[Int(ruleConcepts[$0])].isEmpty }
        }
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

    /// Whether concept number `concept` matches anywhere in the tokens, negated or not.
    ///
    /// For the mutation tester's question of whether a concept still matches a pattern's own words.
    func matches(concept: Int, in tokens: [Token]) -> Bool {
        var text = Text(tokens: tokens, rules: rules)
        findConcepts(in: &text)
        return !text.spans[concept].isEmpty
    }

    /// Everything the safety layer finds in the tokens.
    public func assess(_ tokens: [Token]) -> SafetyFindings {
        guard !tokens.isEmpty else { return .none }
        var text = Text(tokens: tokens, rules: rules)
        findConcepts(in: &text)
        guard !text.spans.isBlank else { return .none }
        text.markNegationAndTime()

        var findings = SafetyFindings()
        findings.asksAboutSelfTreatment = text.isNamed(role: .selfTreatment)
        findings.carries = rules.carried.contains { concept in
            text.spans[concept].contains { text.isLive($0, timeless: true) }
        }
        if let backPain = rules.roles[.backPain] {
            findings.describesOwnBackPain = text.spans[backPain].contains {
                text.isLive($0, timeless: false) && text.experiencer(of: $0).experiencer == .user
            }
        }
        for (number, flag) in rules.flags.enumerated() where mayMatch(flag: number, text.spans) {
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

    /// A word's first three letters as bytes (`PatternStarts.prefixLength`), when the word is plain
    /// ASCII that long (so its first Characters are its first bytes); nil otherwise, for the general
    /// path.
    static func asciiLetters(_ word: String) -> (UInt8, UInt8, UInt8)? {
        let letters = word.utf8.withContiguousStorageIfAvailable { bytes -> (UInt8, UInt8, UInt8)? in
            guard bytes.count >= 3, bytes[0] | bytes[1] | bytes[2] < 0x80, bytes.count == 3 || bytes[3] < 0x80 else {
                return nil
            }
            return (bytes[0], bytes[1], bytes[2])
        }
        return letters ?? nil
    }

    /// The patterns filed under three letters (a closure of its own: inside `findConcepts`' loop, one
    /// made every access to what the loop collects checked for exclusivity at run time).
    static func patterns(_ index: WordIndex, filedUnder letters: (UInt8, UInt8, UInt8)) -> ArraySlice<Int32> {
        withUnsafeBytes(of: letters) { index.numbers(forBytes: $0.bindMemory(to: UInt8.self)) }
    }

    /// Fills `text.spans` with every match of every concept.
    func findConcepts(in text: inout Text) {
        let matcher = PatternMatcher(
            tokens: text.tokens, sentence: text.sentence,
            isGapStop: text.tokens.map { rules.gapStops.contains($0.word) }, patterns: rules.patterns)
        var found = PatternMatcher.Found(conceptCount: rules.patterns.conceptCount, tokenCount: text.tokens.count)
        defer {
            text.spans = ConceptSpans(found.spans)
            text.leading = found.leading
        }
        var deferred: [(concept: Int, pattern: Int, position: Int)] = []
        // Room for most turns at once: grown from empty, it was reallocated six times a turn.
        deferred.reserveCapacity(64)
        for position in text.tokens.indices {
            let token = text.tokens[position]
            func visit(_ numbers: ArraySlice<Int32>, filedByStem: Bool = false) {
                for number in numbers {
                    let pattern = Int(number)
                    let concept = Int(conceptOf[pattern])
                    if refersToConcepts[concept] {
                        deferred.append((concept, pattern, position))
                    } else {
                        matcher.add(concept, pattern: pattern, at: position, filedByStem: filedByStem, to: &found)
                    }
                }
            }
            visit(rules.patternStarts.byStem.numbers(for: token.stem), filedByStem: true)
            // Prefixes match the word as typed or as repaired, so a repair never hides a symptom word. A
            // pattern sits under one key only, so the two words share no pattern unless their keys agree.
            if PatternStarts.prefixLength == 3, let typed = Self.asciiLetters(token.word),
                let original = Self.asciiLetters(token.original)
            {
                // Both ASCII, most words: the letters are looked up as bytes (making each a String from
                // a Character prefix cost 400 instructions a word).
                visit(Self.patterns(rules.patternStarts.byLetters, filedUnder: typed))
                if original != typed { visit(Self.patterns(rules.patternStarts.byLetters, filedUnder: original)) }
                continue
            }
            // Words too short for a key ("i", "my") are most of what comes here: counted first.
            guard
                token.word.utf8.count >= PatternStarts.prefixLength
                    || token.original.utf8.count >= PatternStarts.prefixLength
            else { continue }
            let typed = token.word.prefix(PatternStarts.prefixLength)
            if token.word.utf8.count >= PatternStarts.prefixLength {
                visit(rules.patternStarts.byLetters.numbers(for: String(typed)))
            }
            let original = token.original.prefix(PatternStarts.prefixLength)
            if token.original.utf8.count >= PatternStarts.prefixLength, original != typed {
                visit(rules.patternStarts.byLetters.numbers(for: String(original)))
            }
        }
        guard !deferred.isEmpty || !byFirstConcept.isEmpty else { return }
        // Concepts refer only to earlier ones, so matching in concept order finds every span a
        // reference needs. Both lists are walked once in that order (`byFirstConcept` is built in it,
        // `deferred` is put in it, keeping each concept's positions in order); filtering both lists
        // for each of 122 concepts was a tenth of a turn.
        // Sorted as integers, concept high and place low: sorting the tuples with a closure cost
        // 8,700 instructions a turn.
        let ordered = deferred.indices.map { deferred[$0].concept << 32 | $0 }.sorted().map {
            deferred[$0 & 0xffff_ffff]
        }
        var nextDeferred = 0
        var nextStart = 0
        for concept in 0..<rules.patterns.conceptCount where refersToConcepts[concept] {
            while nextDeferred < ordered.count, ordered[nextDeferred].concept <= concept {
                let (owner, pattern, position) = ordered[nextDeferred]
                if owner == concept { matcher.add(concept, pattern: pattern, at: position, to: &found) }
                nextDeferred += 1
            }
            while nextStart < byFirstConcept.count, conceptOf[byFirstConcept[nextStart].pattern] <= concept {
                let (pattern, first) = byFirstConcept[nextStart]
                if conceptOf[pattern] == concept {
                    // Walked by links while `found` grows: `first` is an earlier concept than
                    // `concept`, so its chain is whole and adding to `concept` never changes it.
                    var link = found.spans.head(of: first)
                    while link >= 0 {
                        let start = found.spans.span(at: link).start
                        link = found.spans.link(after: link)
                        matcher.add(concept, pattern: pattern, at: start, to: &found)
                    }
                }
                nextStart += 1
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
        /// Matches of each concept, by concept number (`findConcepts` fills them).
        var spans = ConceptSpans()
        /// Tokens some concept's pattern matched as its own words, such as "no" in "no feeling".
        ///
        /// A cue there is the pattern's, while a cue a gap skipped over negates the match.
        var leading: [Bool] = []
        /// Whether each token is a negation cue, and whether it is a break a negation never reaches
        /// past: looked up once per token instead of at each of the window's steps (47 lookups a turn).
        let isCue: [Bool]
        let isBreak: [Bool]
        /// For each token, the negation cue that reaches it, if any.
        var cue: [Int?] = []
        /// Tokens cleared after the fact: "bladder fine", "... none of that", "Tingling? No."
        var denied: [Bool] = []
        /// Tokens in a clause with a long-ago phrase, or before a resolution in their sentence.
        var past: [Bool] = []

        init(tokens: [Token], rules: RedFlagRules) {
            self.tokens = tokens
            self.rules = rules
            var sentence: [Int] = []
            var starts: [Int] = [0]
            sentence.reserveCapacity(tokens.count)
            starts.reserveCapacity(8)
            for (index, token) in tokens.enumerated() {
                if index > 0 && token.startsSentence { starts.append(index) }
                sentence.append(starts.count - 1)
            }
            starts.append(tokens.count)
            self.sentence = sentence
            self.sentenceStarts = starts
            self.isCue = tokens.map { rules.negationCues.contains($0.word) }
            self.isBreak = tokens.map { rules.negationBreaks.contains($0.word) }
        }

        /// Marks what negation cues reach, what denials clear, and what long-ago and resolution
        /// phrases put in the past.
        mutating func markNegationAndTime() {
            cue = tokens.indices.map { negatingCue(at: $0) }
            denied = Array(repeating: false, count: tokens.count)
            if let allClear = rules.roles[.allClear] {
                for span in spans[allClear] where cue[span.start] == nil {
                    for index in clause(around: span).lowerBound..<span.start { denied[index] = true }
                }
            }
            if let denial = rules.roles[.denial] {
                // At the head of a sentence it answers the one before ("Jump off a bridge? No thanks").
                for span in spans[denial] where cue[span.start] == nil {
                    for index in reachBack(from: span)..<span.start { denied[index] = true }
                }
            }
            // "Tingling? No.": a sentence of nothing but cues answers the one before it.
            for number in 1..<max(1, sentenceStarts.count - 1) {
                let words = sentenceStarts[number]..<sentenceStarts[number + 1]
                if words.count <= 2, isCue[words].allSatisfy({ $0 }) {
                    for index in sentenceStarts[number - 1]..<sentenceStarts[number] { denied[index] = true }
                }
            }
            past = Array(repeating: false, count: tokens.count)
            if let longAgo = rules.roles[.longAgo] {
                // A long-ago phrase covers its clause and what came before it in the sentence.
                for span in spans[longAgo] where cue[span.start] == nil {
                    for index in sentenceStarts[sentence[span.start]]..<clause(around: span).upperBound {
                        past[index] = true
                    }
                }
            }
            if let resolved = rules.roles[.resolved] {
                // "That was years ago." at the head of a sentence looks back at the one before.
                for span in spans[resolved] where cue[span.start] == nil {
                    for index in reachBack(from: span)..<span.start { past[index] = true }
                }
            }
        }

        /// Where a denial or resolution reaches back to: its sentence's start, or the sentence before
        /// when it opens its sentence.
        private func reachBack(from span: Span) -> Int {
            let number = sentence[span.start]
            return span.start == sentenceStarts[number] && number > 0
                ? sentenceStarts[number - 1] : sentenceStarts[number]
        }

        /// The tokens of the clause a span is in: up to punctuation or a break word either side.
        func clause(around span: Span) -> Range<Int> {
            var start = span.start
            while start > 0 && !tokens[start].startsClause && !isBreak[start - 1] {
                start -= 1
            }
            var end = span.end
            while end < tokens.count && !tokens[end].startsClause && !isBreak[end] {
                end += 1
            }
            return start..<end
        }

        /// The cue within the window before `start`, in its clause, with no break word between.
        private func negatingCue(at start: Int) -> Int? {
            var index = start
            var distance = 0
            while index > 0 && distance < rules.negationWindow {
                if tokens[index].startsClause { return nil }
                index -= 1
                distance += 1
                if isBreak[index] { return nil }
                if isCue[index] { return answers(at: index) || unable(at: index) ? nil : index }
            }
            return nil
        }

        /// Whether the cue at `index` tells an inability: "haven't been able to" says what the person
        /// cannot do, the symptom itself, not that they are spared it.
        private func unable(at index: Int) -> Bool {
            tokens[(index + 1)..<min(index + 3, tokens.count)].contains { rules.inabilityWords.contains($0.word) }
        }

        /// Whether the cue at `index` answers a question rather than negates.
        ///
        /// An answer cue ("no") that opens its clause just before a word for the person answers: "no i
        /// have numbness in my groin", "nope my legs are weak". "No numbness" and "not my legs" still
        /// negate.
        private func answers(at index: Int) -> Bool {
            guard rules.answerCues.contains(tokens[index].word), index == 0 || tokens[index].startsClause else {
                return false
            }
            return [RedFlagRules.Role.user, .someoneElse].contains { role in
                rules.roles[role].map { concept in spans[concept].contains { $0.start == index + 1 } } ?? false
            }
        }

        /// Whether a match is negated: a cue reaches it (unless the cue is part of a match the rule
        /// itself uses: "not trying to lose weight"), a cue sits among the words a gap skipped, or a
        /// denial cleared it.
        func isNegated(_ span: Span, own: [Span] = []) -> Bool {
            if denied[span.start] { return true }
            // A match that carries its own negation ("not want to be here", "no feeling") is not
            // negated again by an earlier cue: "if the pain doesn't stop I don't want to be here" tells
            // the wish; a double negative that denies is rare, and the safer reading is the symptom.
            let negatedItself = (span.start..<max(span.start + 1, span.end)).contains { index in
                index < tokens.count && leading[index] && isCue[index]
            }
            if !negatedItself, let position = cue[span.start],
                !(leading[position] && own.contains(where: { $0.start <= position && position < $0.end }))
            {
                return true
            }
            for index in (span.start + 1)..<max(span.start + 1, span.end)
            where !leading[index] && isCue[index] {
                return true
            }
            return false
        }

        /// Whether a match counts: not negated, and not in the past unless the flag is timeless.
        func isLive(_ span: Span, timeless: Bool, own: [Span] = []) -> Bool {
            !isNegated(span, own: own) && (timeless || !past[span.start])
        }

        func isLive(role: RedFlagRules.Role) -> Bool {
            guard let concept = rules.roles[role] else { return false }
            return spans[concept].contains { isLive($0, timeless: false) }
        }

        /// Whether a concept of this role is named with no negation cue reaching it.
        ///
        /// What a person asks about is named whatever an all-clear or resolution beside it says: "is
        /// yoga ok?" and "would a chiropractor sort it?" ask about treating it, though "ok" clears a
        /// symptom before it and "sort it" resolves one; "I won't massage it" does not ask.
        func isNamed(role: RedFlagRules.Role) -> Bool {
            guard let concept = rules.roles[role] else { return false }
            return spans[concept].contains { cue[$0.start] == nil }
        }

        private func hasLive(_ role: RedFlagRules.Role, inSentence number: Int) -> Bool {
            guard let concept = rules.roles[role] else { return false }
            return spans[concept].contains { sentence[$0.start] == number && !isNegated($0) }
        }

        /// Whose a match is, and where the person word that decided it stands (nil when none did).
        func experiencer(of span: Span) -> (experiencer: RedFlagRules.Experiencer, marker: Int?) {
            if let history = rules.roles[.familyHistory],
                spans[history].contains(where: { !isNegated($0) && clause(around: $0).contains(span.start) })
            {
                return (.family, nil)
            }
            let number = sentence[span.start]
            if hasLive(.hypothetical, inSentence: number) { return (.general, nil) }
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
            var heldBack: RedFlagMatch?
            for rule in flag.when where rule.concepts.allSatisfy({ !spans[$0].isEmpty }) {
                let groups: [Range<Int>] =
                    switch rule.scope ?? flag.scope {
                    case .sentence: (0..<(sentenceStarts.count - 1)).map { sentenceStarts[$0]..<sentenceStarts[$0 + 1] }
                    case .message: [0..<tokens.count]
                    }
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
                for span in spans[concept]
                where range.contains(span.start) && isLive(span, timeless: flag.timeless, own: own) {
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
            // Reported talk spreads one person's words over sentences about several people: the
            // person typing speaks for themselves if any match is theirs, else for the one they ask about.
            if flag.anyPerson, (rule.scope ?? flag.scope) == .message {
                let allowed = options.map { $0.filter { flag.experiencers.contains($0.key) } }
                if allowed.allSatisfy({ !$0.isEmpty }) {
                    let experiencer: RedFlagRules.Experiencer =
                        allowed.contains { $0[.user] != nil }
                        ? .user : allowed.contains { $0[.other] != nil } ? .other : .general
                    let phrases = allowed.compactMap { byPerson -> String? in
                        guard let span = byPerson[experiencer] ?? byPerson.values.min(by: { $0.start < $1.start })
                        else { return nil }
                        return tokens[span.start..<span.end].map(\.original).joined(separator: " ")
                    }
                    return RedFlagMatch(flag: flag, experiencer: experiencer, matchedPhrases: phrases)
                }
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
            return !spans[backPain].contains { experiencer(of: $0).experiencer == .other && !isNegated($0) }
        }

        /// A relative's condition told as family history ("runs in my family"), or about a relative
        /// whose own back pain is not described.
        private func isFamilyHistory(in range: Range<Int>) -> Bool {
            if let history = rules.roles[.familyHistory],
                spans[history].contains(where: { range.contains($0.start) && !isNegated($0) })
            {
                return true
            }
            guard let backPain = rules.roles[.backPain] else { return true }
            return !spans[backPain].contains { experiencer(of: $0).experiencer == .other && !isNegated($0) }
        }
    }
}
