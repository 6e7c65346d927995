/// Tries red-flag patterns against one utterance's tokens and records where they match.
///
/// What matching reads (the tokens, their sentences, the patterns) is held apart from what it writes
/// (`Found`), so each attempt borrows it. Kept in the detector's `Text` beside the rules, each of a
/// turn's 80 attempts copied all 1,312 bytes of that `Text` and retained every table the rules hold:
/// 110,000 instructions a turn on the regression questions, a sixth of it.
struct PatternMatcher {
    let tokens: [Token]
    /// The sentence number of each token.
    let sentence: [Int]
    /// Whether each token is a word a gap never skips ("but"), looked up once per turn rather than at
    /// every skip of every pattern tried.
    let isGapStop: [Bool]
    /// Each token's stem as its number among the patterns' words, or -1: looked up once per token, so
    /// a stem element is one comparison of numbers (comparing bytes, 9,000 a run of the regression
    /// questions cost 120 instructions each).
    let stemIDs: [Int]
    let patterns: PatternTable
    /// The patterns' elements, held apart from `patterns`: reading them through the table, every
    /// step of `end` (20,000 a run of the regression questions) copied the table's 320 bytes first.
    let elements: NumberTable

    init(tokens: [Token], sentence: [Int], isGapStop: [Bool], patterns: PatternTable) {
        self.tokens = tokens
        self.sentence = sentence
        self.isGapStop = isGapStop
        self.stemIDs = tokens.map { patterns.words.index(of: $0.stem) ?? -1 }
        self.patterns = patterns
        self.elements = patterns.elements
    }

    /// What matching finds.
    struct Found {
        /// Matches of each concept, by concept number.
        var spans: ConceptSpans.Chains
        /// Tokens some concept's pattern matched as its own words, such as "no" in "no feeling".
        var leading: [Bool]
        /// The positions one attempt matched, kept between attempts so that none allocates.
        var scratch: [Int] = []

        init(conceptCount: Int, tokenCount: Int) {
            spans = ConceptSpans.Chains(conceptCount: conceptCount)
            leading = Array(repeating: false, count: tokenCount)
        }
    }

    /// Records a match of a pattern (by its number in `patterns`) of a concept starting at `position`,
    /// if it matches there.
    ///
    /// `filedByStem` says the stem index sent the pattern for the word at `position`: the index files a
    /// pattern under its first word, so that word needs no comparing again (79 attempts a turn, most of
    /// them ending at the second word).
    func add(_ concept: Int, pattern number: Int, at position: Int, filedByStem: Bool = false, to found: inout Found) {
        let range = patterns.elements(ofPattern: number)
        let first = PatternTable.Step(elements[range.lowerBound])
        let firstMatches = first.kind == .stem && (filedByStem || stemIDs[position] == first.argument)
        // A pattern of one word (602 of 2,921: "numb", "my") matches wherever its stem stands.
        if range.count == 1, firstMatches {
            if found.spans.add(RedFlagDetector.Span(start: position, end: position + 1), to: concept) {
                found.leading[position] = true
            }
            return
        }
        // Most attempts end at a second word that is not there: refused here, they cost a few
        // comparisons instead of a walk through `end`.
        if firstMatches, range.count > 1, case let second = PatternTable.Step(elements[range.lowerBound + 1]),
            second.kind == .stem,
            !(position + 1 < tokens.count && sentence[position + 1] == sentence[position]
                && stemIDs[position + 1] == second.argument)
        {
            return
        }
        var own: [Int] = []
        swap(&own, &found.scratch)
        if !own.isEmpty { own.removeAll(keepingCapacity: true) }
        defer { swap(&own, &found.scratch) }
        let match: Int?
        if firstMatches {
            own.append(position)
            match = end(
                of: range, from: range.lowerBound + 1, at: position + 1, in: sentence[position], found.spans, &own
            )
        } else if first.kind == .stem {
            match = nil
        } else {
            match = end(
                of: range, from: range.lowerBound, at: position, in: sentence[position], found.spans, &own)
        }
        guard let end = match, end > position else { return }
        if found.spans.add(RedFlagDetector.Span(start: position, end: end), to: concept) {
            // A cue among a pattern's own words belongs to the symptom ("no feeling", "did not ...
            // feel"); a cue a gap skipped over is not the pattern's, and negates the match.
            for index in own { found.leading[index] = true }
        }
    }

    /// Where the elements from `index` on, matched from `position`, end; nil if they do not match there.
    ///
    /// `own` collects the positions of the words the pattern itself matched.
    private func end(
        of range: Range<Int>, from index: Int, at position: Int, in number: Int, _ spans: ConceptSpans.Chains,
        _ own: inout [Int]
    ) -> Int? {
        guard index < range.upperBound else { return position }
        let step = PatternTable.Step(self.elements[index])
        let rest = index + 1
        let inSentence = position < tokens.count && sentence[position] == number
        let mark = own.count
        switch step.kind {
        case .stem:
            guard inSentence, stemIDs[position] == step.argument else { return nil }
            own.append(position)
            if let found = end(of: range, from: rest, at: position + 1, in: number, spans, &own) { return found }
        case .prefix:
            guard inSentence,
                patterns.word(step.argument, begins: tokens[position].word)
                    || patterns.word(step.argument, begins: tokens[position].original)
            else { return nil }
            own.append(position)
            if let found = end(of: range, from: rest, at: position + 1, in: number, spans, &own) { return found }
        case .concept:
            // A concept number past the concepts (a damaged archive) matches nothing.
            guard inSentence else { return nil }
            var link = spans.head(of: step.argument)
            while link >= 0 {
                let span = spans.span(at: link)
                link = spans.link(after: link)
                guard span.start == position else { continue }
                own.append(contentsOf: span.start..<span.end)
                if let found = end(of: range, from: rest, at: span.end, in: number, spans, &own) { return found }
                Self.truncate(&own, to: mark)
            }
        case .gap:
            // A stem after the gap is compared here before a step is taken for it (most skips land
            // on another word).
            let following = rest < range.upperBound ? PatternTable.Step(elements[rest]) : nil
            for skip in 0...step.argument {
                let next = position + skip
                // Every word skipped must be in the sentence, and none may turn it ("but").
                if skip > 0 && !(next - 1 < tokens.count && sentence[next - 1] == number && !isGapStop[next - 1]) {
                    break
                }
                if let following, following.kind == .stem,
                    !(next < tokens.count && sentence[next] == number && stemIDs[next] == following.argument)
                {
                    continue
                }
                if let found = end(of: range, from: rest, at: next, in: number, spans, &own) { return found }
            }
        case .notFollowedBy:
            if inSentence && stemIDs[position] == step.argument { return nil }
            return end(of: range, from: rest, at: position, in: number, spans, &own)
        case .clauseEnd:
            guard position == tokens.count || tokens[position].startsClause else { return nil }
            return end(of: range, from: rest, at: position, in: number, spans, &own)
        }
        Self.truncate(&own, to: mark)
        return nil
    }

    /// Drops the positions past `count`; most failed steps added none, and removing an empty range
    /// still called into the array (17,700 times a run of the regression questions, 0.7 M
    /// instructions).
    @inline(__always)
    private static func truncate(_ own: inout [Int], to count: Int) {
        if own.count > count { own.removeSubrange(count...) }
    }
}
