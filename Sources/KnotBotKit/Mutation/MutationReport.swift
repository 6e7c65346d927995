/// The mutation score and what no test noticed, grouped by what each change belongs to.
public struct MutationReport: Sendable, Hashable, Encodable {
    /// How many mutations were tested, and how many of them a test noticed.
    public struct Score: Sendable, Hashable, Encodable {
        public var noticed: Int
        public var total: Int

        /// The share noticed, in percent to one decimal; 100 when there is nothing to notice.
        public var percent: Double {
            total == 0 ? 100 : (Double(noticed) * 1000 / Double(total)).rounded() / 10
        }

        /// "K/N (P%)".
        public var text: String { "\(noticed)/\(total) (\(percent)%)" }
    }

    /// One kind of mutation's score, for the table.
    public struct KindScore: Sendable, Hashable, Encodable {
        public var kind: Mutation.Kind
        public var score: Score
    }

    /// The mutations nothing noticed in one group ("intent causes", "concept numbness").
    public struct Group: Sendable, Hashable, Encodable {
        public var group: String
        public var tested: Int
        public var survivors: [Mutation]
    }

    public var transcripts: Int
    /// Transcripts left out because they fail without any mutation.
    public var failingUnmutated: [String]
    public var match: String
    public var safety: Score
    public var overall: Score
    public var kinds: [KindScore]
    /// Groups with a mutation nothing noticed, safety groups first, then by name.
    public var unnoticed: [Group]
    /// Redundant mutations by group (`MutationOutcome.redundant`): not counted in any score.
    public var redundant: [Group]
    /// Every mutation's outcome, in the order tested.
    public var outcomes: [MutationOutcome]

    public init(outcomes: [MutationOutcome], transcripts: Int, failingUnmutated: [String] = [], match: ReplayMatch) {
        self.transcripts = transcripts
        self.failingUnmutated = failingUnmutated
        self.match = match.rawValue
        self.outcomes = outcomes
        func score(_ list: [MutationOutcome]) -> Score {
            Score(noticed: list.count(where: \.noticed), total: list.count { !$0.redundant })
        }
        safety = score(outcomes.filter(\.mutation.isSafety))
        overall = score(outcomes)
        kinds = Mutation.Kind.allCases.compactMap { kind in
            let list = outcomes.filter { $0.mutation.kind == kind }
            return list.isEmpty ? nil : KindScore(kind: kind, score: score(list))
        }
        unnoticed = Self.groups(outcomes.filter { !$0.redundant }) { !$0.noticed }
            .sorted { left, right in
                let (a, b) = (left.survivors[0].isSafety, right.survivors[0].isSafety)
                return a != b ? a : left.group < right.group
            }
        redundant = Self.groups(outcomes.filter(\.redundant)) { _ in true }.sorted { $0.group < $1.group }
    }

    /// The outcomes by group, in the order first met, each with those `kept` picks; groups where it
    /// picks none are left out.
    private static func groups(_ outcomes: [MutationOutcome], keeping kept: (MutationOutcome) -> Bool) -> [Group] {
        var groups: [String: Group] = [:]
        var order: [String] = []
        for outcome in outcomes {
            let name = outcome.mutation.group
            if groups[name] == nil {
                groups[name] = Group(group: name, tested: 0, survivors: [])
                order.append(name)
            }
            groups[name]?.tested += 1
            if kept(outcome) { groups[name]?.survivors.append(outcome.mutation) }
        }
        return order.compactMap { groups[$0] }.filter { !$0.survivors.isEmpty }
    }

    /// The report as lines: what nothing noticed by group, the score of each kind, the safety score,
    /// and last `mutation score: K/N (P%)`.
    public var lines: [String] {
        var lines: [String] = []
        for path in failingUnmutated { lines.append("left out (fails without any mutation): \(path)") }
        if !unnoticed.isEmpty { lines.append("not noticed by any test:") }
        for group in unnoticed {
            lines.append("  \(group.group): \(group.survivors.count) of \(group.tested)")
            for mutation in group.survivors {
                lines.append("    " + mutation.change + (mutation.location.map { " (\($0))" } ?? ""))
            }
        }
        if !redundant.isEmpty {
            let count = redundant.reduce(0) { $0 + $1.survivors.count }
            lines.append(
                "redundant, not counted (without it a concept still matches the word's own text, or the bot "
                    + "still answers the example or keyword as before; --json lists them): \(count)")
            for group in redundant {
                let words = group.survivors.filter { $0.kind == .conceptWord }.map { "'\($0.pattern)'" }
                let others = Dictionary(grouping: group.survivors.filter { $0.kind != .conceptWord }, by: \.kind)
                    .sorted { $0.key.rawValue < $1.key.rawValue }
                    .map { kind, list in "\(list.count) \(kind.rawValue)\(list.count == 1 ? "" : "s")" }
                lines.append("  \(group.group): " + (words + others).joined(separator: ", "))
            }
        }
        lines.append("\(transcripts) transcripts, match \(match)")
        for kind in kinds {
            let label = kind.kind.rawValue + ":"
            lines.append("  " + label + String(repeating: " ", count: max(1, 18 - label.count)) + kind.score.text)
        }
        lines.append("safety mutation score: \(safety.text)")
        lines.append("mutation score: \(overall.text)")
        return lines
    }
}
