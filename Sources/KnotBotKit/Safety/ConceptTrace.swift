/// One concept the safety layer found in an utterance, and how it judged it: what a maintainer
/// reads to see which word a missed wording needs, and in which concept.
public struct ConceptTrace: Sendable, Hashable {
    /// Whether the match counts now.
    public enum State: String, Sendable, Hashable {
        /// Counts: no cue, denial, long-ago or resolution phrase reaches it.
        case live
        /// A negation cue reaches it, or a denial or all-clear cleared it.
        case negated
        /// A long-ago phrase shares its clause, or a resolution follows it in the sentence.
        case past
    }

    /// The concept's name in `red-flags.yaml`.
    public var concept: String
    /// The words it matched, as typed.
    public var words: String
    /// Its sentence, counted from 1.
    public var sentence: Int
    public var state: State
    public var experiencer: RedFlagRules.Experiencer

    public init(
        concept: String, words: String, sentence: Int, state: State, experiencer: RedFlagRules.Experiencer
    ) {
        self.concept = concept
        self.words = words
        self.sentence = sentence
        self.state = state
        self.experiencer = experiencer
    }
}

extension RedFlagDetector {
    /// Every concept match in the tokens, in reading order, with its state and whose it is.
    ///
    /// Not on the per-turn path: `knotbot intents trace` calls it to show why a wording did or did
    /// not raise a flag.
    public func trace(_ tokens: [Token]) -> [ConceptTrace] {
        guard !tokens.isEmpty else { return [] }
        var text = Text(tokens: tokens, rules: rules)
        findConcepts(in: &text)
        text.markNegationAndTime()
        var found: [(start: Int, end: Int, trace: ConceptTrace)] = []
        for (number, spans) in text.spans.enumerated() {
            for span in spans {
                let state: ConceptTrace.State =
                    text.isNegated(span) ? .negated : text.isLive(span, timeless: false) ? .live : .past
                let words = tokens[span.start..<span.end].map(\.original).joined(separator: " ")
                let trace = ConceptTrace(
                    concept: rules.patterns.names[number], words: words, sentence: text.sentence[span.start] + 1,
                    state: state, experiencer: text.experiencer(of: span).experiencer)
                found.append((span.start, span.end, trace))
            }
        }
        found.sort { ($0.start, $1.end, $0.trace.concept) < ($1.start, $0.end, $1.trace.concept) }
        return found.map(\.trace)
    }
}
