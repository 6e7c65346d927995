import Dispatch
import Synchronization

/// Makes each mutation in turn and runs the tests that could notice it: the transcripts, replayed
/// in the given match mode, and for a safety mutation each red flag's examples and near-misses.
///
/// A mutation whose words no test input holds is not run: a concept pattern or keyword phrase whose
/// first word (or prefix) occurs in no transcript utterance and no flag example can match nothing
/// there, so taking it away changes no reply a test makes. Everything else is run for real.
public struct MutationTester: Sendable {
    public let source: MutationSource
    /// The transcripts that replay unchanged without any mutation: only those can tell a mutation.
    public let transcripts: [Transcript]
    /// Transcripts that already fail without any mutation, left out.
    public let failingUnmutated: [String]
    public let match: ReplayMatch
    /// The bot without any mutation, whose replies to a mutation's own texts tell a redundant one.
    private let unmutated: Assistant
    /// The stems and words of every test input together, of each transcript, and of each check.
    private let vocabulary: Vocabulary
    private let transcriptVocabularies: [Vocabulary]
    /// In how many transcripts each stem occurs, to weigh a stem's rarity.
    private let transcriptsHolding: [String: Int]
    private let checkVocabularies: [Vocabulary]
    private let checkTokens: [[Token]]
    /// Each concept pattern's own words, analysed, by concept then pattern; nil for a pattern that
    /// refers to another concept (its words alone do not spell it).
    private let ownWords: [[[Token]?]]

    public init(source: MutationSource, transcripts: [Transcript], match: ReplayMatch = .behaviour) {
        self.source = source
        self.match = match
        self.unmutated = Assistant(model: source.model)
        let replayer = Replayer(assistant: unmutated, match: match)
        var passing: [Transcript] = []
        var failing: [String] = []
        for transcript in transcripts {
            if replayer.replay(transcript).passed {
                passing.append(transcript)
            } else {
                failing.append(transcript.path)
            }
        }
        self.transcripts = passing
        self.failingUnmutated = failing
        let analyzer = source.analyzer
        let checkTokens = source.checks.map { analyzer.analyze($0.text.value) }
        // A transcript's vocabulary covers every message the detector reads in its replay: the
        // messages it carries to a later turn are its own earlier ones.
        let transcriptVocabularies = passing.map { transcript in
            Vocabulary(transcript.turns.flatMap { analyzer.analyze($0.utterance) })
        }
        self.transcriptVocabularies = transcriptVocabularies
        self.transcriptsHolding = transcriptVocabularies.reduce(into: [:]) { counts, vocabulary in
            for stem in vocabulary.stems { counts[stem, default: 0] += 1 }
        }
        self.checkVocabularies = checkTokens.map { Vocabulary($0) }
        self.vocabulary = Vocabulary(
            checkTokens.joined() + passing.flatMap { $0.turns.flatMap { analyzer.analyze($0.utterance) } })
        self.checkTokens = checkTokens
        self.ownWords = source.concepts.map { concept in
            concept.patterns.map { pattern in Self.ownWords(of: pattern).map { analyzer.analyze($0) } }
        }
    }

    /// The words a pattern is written with, as a text it matches: "tingl*" as "tingl", gaps, "not
    /// followed by" words and clause ends left out; nil when it refers to another concept.
    static func ownWords(of pattern: RedFlagRules.Pattern) -> String? {
        var words: [String] = []
        for word in pattern.text.split(separator: " ") {
            if word.hasPrefix("@") { return nil }
            if word.hasPrefix("...") || word.hasPrefix("!") || word == "$" { continue }
            words.append(word.hasSuffix("*") ? String(word.dropLast()) : String(word))
        }
        return words.isEmpty ? nil : words.joined(separator: " ")
    }

    /// Runs every mutation on `workers` threads; `progress` hears (done, total) after each.
    public func run(
        _ mutations: [Mutation], workers: Int, progress: @escaping @Sendable (Int, Int) -> Void = { _, _ in }
    ) -> [MutationOutcome] {
        let next = Mutex(0)
        let outcomes = Mutex([MutationOutcome?](repeating: nil, count: mutations.count))
        DispatchQueue.concurrentPerform(iterations: max(1, min(workers, mutations.count))) { _ in
            while true {
                let index = next.withLock { value -> Int in
                    defer { value += 1 }
                    return value
                }
                guard index < mutations.count else { return }
                let outcome = test(mutations[index])
                let done = outcomes.withLock { list -> Int in
                    list[index] = outcome
                    return list.count { $0 != nil }
                }
                progress(done, mutations.count)
            }
        }
        return outcomes.withLock { $0.compactMap { $0 } }
    }

    /// The outcome of one mutation.
    public func test(_ mutation: Mutation) -> MutationOutcome {
        guard canChangeATest(mutation) else {
            let redundant = isRedundant(mutation, assistant: source.assistant(for: mutation))
            return MutationOutcome(mutation: mutation, noticedBy: nil, ran: false, redundant: redundant)
        }
        let assistant = source.assistant(for: mutation)
        if mutation.isSafety, let failed = failedCheck(assistant.detector, for: mutation) {
            return MutationOutcome(mutation: mutation, noticedBy: failed, ran: true)
        }
        let replayer = Replayer(assistant: assistant, match: match)
        // Only the transcripts whose words the change touches can replay differently.
        for index in replayOrder(for: mutation) where canChange(mutation, transcriptVocabularies[index]) {
            let transcript = transcripts[index]
            let result = replayer.replay(transcript)
            if let mismatch = result.mismatches.first {
                let fields = mismatch.differences.map(\.field).joined(separator: ", ")
                return MutationOutcome(
                    mutation: mutation, noticedBy: "\(transcript.path) turn \(mismatch.turn): \(fields)", ran: true)
            }
        }
        return MutationOutcome(
            mutation: mutation, noticedBy: nil, ran: true,
            redundant: isRedundant(mutation, assistant: assistant))
    }

    /// The transcripts in the order to replay them: for an example or keyword, those sharing its
    /// rarer words first, since a change to the classifier shows first where its words are.
    ///
    /// Replay stops at the first transcript that notices, so this changes only how soon: with 91
    /// transcripts the 1,236 example mutations replayed 44 s of CPU in the written order.
    private func replayOrder(for mutation: Mutation) -> [Int] {
        let texts = source.ownTexts(of: mutation)
        guard !texts.isEmpty else { return Array(transcripts.indices) }
        let stems = Set(texts.flatMap { source.analyzer.analyze($0).map(\.stem) })
        let scores = transcriptVocabularies.map { vocabulary in
            stems.reduce(0.0) { score, stem in
                vocabulary.stems.contains(stem) ? score + 1 / Double(transcriptsHolding[stem] ?? 1) : score
            }
        }
        return transcripts.indices.sorted { (scores[$0], $1) > (scores[$1], $0) }
    }

    /// Whether the data still does without the mutation what the dropped part was written for.
    ///
    /// A concept word is redundant when its concept still matches the word's own text without it;
    /// an example or keyword when the bot still answers its own text (the example, or the keyword
    /// and each synonym as a message) as before: same intent, understood, urgent and options.
    private func isRedundant(_ mutation: Mutation, assistant: Assistant) -> Bool {
        switch mutation.target {
        case .conceptWord(let concept, let pattern):
            guard let words = ownWords[concept][pattern] else { return false }
            return assistant.detector.matches(concept: concept, in: words)
        case .example, .keyword:
            let texts = source.ownTexts(of: mutation)
            return !texts.isEmpty
                && texts.allSatisfy { text in
                    let before = unmutated.respond(to: text, in: .start).reply
                    let after = assistant.respond(to: text, in: .start).reply
                    return before.intent == after.intent && before.understood == after.understood
                        && before.urgent == after.urgent && before.options == after.options
                }
        default:
            return false
        }
    }

    /// The first flag check that no longer holds: an example that no longer raises its flag (about
    /// the person it names), or a near-miss that now raises one.
    private func failedCheck(_ detector: RedFlagDetector, for mutation: Mutation) -> String? {
        for ((check, tokens), words) in zip(zip(source.checks, checkTokens), checkVocabularies)
        where canChange(mutation, words) {
            if let failure = check.failure(detector.assess(tokens).raised) {
                return "\(check.file):\(check.text.line.map(String.init) ?? "?"): \(failure)"
            }
        }
        return nil
    }

    /// Whether the mutation could change any reply a test makes.
    func canChangeATest(_ mutation: Mutation) -> Bool {
        canChange(mutation, vocabulary)
    }

    /// Whether the mutation could change what the detector or classifier finds in text of these words.
    ///
    /// A concept pattern or keyword phrase matches only where its first word (or prefix) stands, and
    /// dropping one that matches nowhere changes nothing; other mutations may change anything.
    private func canChange(_ mutation: Mutation, _ words: Vocabulary) -> Bool {
        switch mutation.target {
        case .conceptWord(let concept, let pattern):
            guard let first = source.concepts[concept].patterns[pattern].elements.first else { return false }
            switch first {
            case .stem(let stem): return words.stems.contains(stem)
            case .prefix(let prefix): return words.hasWord(beginning: prefix)
            default: return true
            }
        case .keyword(let number):
            return source.keywords[number].phrases.contains { phrase in
                guard let first = phrase.first, !first.isEmpty else { return true }
                return words.stems.contains(first)
            }
        default:
            return true
        }
    }
}

/// The stems and words (as typed and as repaired) of some test input.
private struct Vocabulary: Sendable {
    let stems: Set<String>
    /// Sorted, for prefixes.
    let words: [String]

    init<Tokens: Sequence<Token>>(_ tokens: Tokens) {
        var stems: Set<String> = []
        var words: Set<String> = []
        for token in tokens {
            stems.insert(token.stem)
            words.insert(token.word)
            words.insert(token.original)
        }
        self.stems = stems
        self.words = words.sorted()
    }

    /// Whether a word begins with `prefix`.
    func hasWord(beginning prefix: String) -> Bool {
        var low = 0
        var high = words.count
        while low < high {
            let middle = (low + high) / 2
            if words[middle] < prefix { low = middle + 1 } else { high = middle }
        }
        return low < words.count && words[low].hasPrefix(prefix)
    }
}
