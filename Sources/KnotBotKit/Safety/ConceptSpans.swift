/// Matches of each red-flag concept in one utterance, by concept number, each concept's in the order
/// they were found.
///
/// Kept as one array of spans grouped by concept and where each concept's group starts. An array of
/// arrays, one per concept (122), cost 1.4 M instructions a run of the 146 regression questions to
/// make and free, though a turn matches a handful of concepts.
struct ConceptSpans: RandomAccessCollection {
    /// Every span, grouped by concept.
    private let spans: [RedFlagDetector.Span]
    /// Where each concept's spans start in `spans`, and one past the last at the end.
    private let starts: [Int32]

    /// No concepts.
    init() {
        spans = []
        starts = [0]
    }

    /// The spans found while matching, grouped.
    init(_ found: Chains) {
        (spans, starts) = found.grouped()
    }

    var startIndex: Int { 0 }
    var endIndex: Int { starts.count - 1 }

    subscript(concept: Int) -> ArraySlice<RedFlagDetector.Span> {
        spans[Int(starts[concept])..<Int(starts[concept + 1])]
    }

    /// Whether no concept matched.
    var isBlank: Bool { spans.isEmpty }

    /// Spans as matching finds them: each concept's a chain through one array, so a concept that
    /// matches nothing costs nothing.
    struct Chains {
        private var found: [RedFlagDetector.Span] = []
        /// The next span of the same concept, by position in `found`, or -1.
        private var next: [Int32] = []
        /// Each concept's first and last span, or -1.
        private var first: [Int32]
        private var last: [Int32]

        init(conceptCount: Int) {
            first = Array(repeating: -1, count: conceptCount)
            last = Array(repeating: -1, count: conceptCount)
        }

        /// The link to a concept's first span, or -1 when it has none (or is past the concepts).
        ///
        /// Spans are walked by links (`span(at:)`, `link(after:)`), not through a sequence, which
        /// would hold a copy of the chains and, while matching goes on, make every append copy them.
        func head(of concept: Int) -> Int {
            concept >= 0 && concept < first.count ? Int(first[concept]) : -1
        }

        func span(at link: Int) -> RedFlagDetector.Span {
            found[link]
        }

        func link(after link: Int) -> Int {
            Int(next[link])
        }

        /// Every span grouped by concept, in the order each concept's were added, and where each
        /// concept's group starts (one more entry than the concepts).
        func grouped() -> ([RedFlagDetector.Span], [Int32]) {
            var spans: [RedFlagDetector.Span] = []
            spans.reserveCapacity(found.count)
            var starts = [Int32](repeating: 0, count: first.count + 1)
            for concept in first.indices {
                starts[concept] = Int32(spans.count)
                var link = Int(first[concept])
                while link >= 0 {
                    spans.append(found[link])
                    link = Int(next[link])
                }
            }
            starts[first.count] = Int32(spans.count)
            return (spans, starts)
        }

        /// Adds a span to a concept; false when the concept has it already.
        mutating func add(_ span: RedFlagDetector.Span, to concept: Int) -> Bool {
            var walked = Int(first[concept])
            while walked >= 0 {
                if found[walked] == span { return false }
                walked = Int(next[walked])
            }
            let position = Int32(found.count)
            found.append(span)
            next.append(-1)
            if last[concept] < 0 { first[concept] = position } else { next[Int(last[concept])] = position }
            last[concept] = position
            return true
        }
    }
}
