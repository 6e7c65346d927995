/// What a set of replayed conversations reaches: intents, dialogue phases and transitions, commands,
/// decision rules and red-flag tiers; and what none of them reaches.
public struct ReplayCoverage: Sendable {
    /// A move from one phase to another.
    public typealias Transition = PhaseTransition

    public private(set) var intents: Set<String> = []
    public private(set) var phases: Set<DialogueState.Phase> = []
    public private(set) var transitions: Set<Transition> = []
    public private(set) var commands: Set<String> = []
    public private(set) var rules: Set<DecisionRule> = []
    public private(set) var tiers: Set<RedFlagRules.Tier> = []
    public private(set) var turns = 0
    /// Whether some turn continued a topic, which the intent with `role: more` does.
    public private(set) var reachedMore = false

    public init() {}

    public mutating func add(_ result: ReplayResult) {
        var phase = DialogueState.Phase.idle
        phases.insert(phase)
        for turn in result.replayed {
            turns += 1
            if let intent = turn.reply.intent { intents.insert(intent) }
            if let explanation = turn.reply.explanation {
                rules.insert(explanation.rule)
                if [.more, .moreExhausted, .moreWithoutTopic].contains(explanation.rule) { reachedMore = true }
                for match in explanation.redFlags { tiers.insert(match.flag.tier) }
            }
            if case .command(let command, _)? = SlashCommand.parse(turn.utterance) {
                commands.insert("/" + command.rawValue)
            } else if case .unknown? = SlashCommand.parse(turn.utterance) {
                commands.insert("unknown command")
            }
            transitions.insert(Transition(from: phase, to: turn.state.phase))
            phase = turn.state.phase
            phases.insert(phase)
        }
    }

    /// Every phase-to-phase move the dialogue declares legal; coverage counts these, not every pair.
    public static var legalTransitions: [Transition] { PhaseTransition.legal }

    /// Every command a transcript can exercise (`/save` is never recorded).
    public static var possibleCommands: [String] {
        SlashCommand.allCases.filter { ![.save, .expect, .forget].contains($0) }.map { "/" + $0.rawValue } + [
            "unknown command"
        ]
    }

    /// The report: what is reached, and a list of what is not.
    ///
    /// `unreached` also counts each reached transition the dialogue does not declare legal (an error
    /// line each), so 0 means the transcripts reach everything and no undeclared transition.
    public func report(model: BotModel) -> (text: String, unreached: Int) {
        var lines: [String] = []
        var unreached = 0
        func section(_ name: String, _ all: [String], _ reached: Set<String>) {
            let missing = all.filter { !reached.contains($0) }
            unreached += missing.count
            lines.append("\(name): \(all.count - missing.count)/\(all.count) reached")
            if !missing.isEmpty { lines.append("  not reached: " + missing.joined(separator: ", ")) }
        }
        lines.append("coverage of \(turns) turns")
        var reachedIntents = intents
        if reachedMore, let more = model.intent(role: .more) { reachedIntents.insert(more.id) }
        section("intents", model.intents.map(\.id) + [model.redFlags.replyIntent], reachedIntents)
        section("phases", DialogueState.Phase.allCases.map(\.rawValue), Set(phases.map(\.rawValue)))
        section(
            "transitions", Self.legalTransitions.sorted().map(\.description),
            Set(transitions.map(\.description)))
        for illegal in transitions.filter({ !$0.isLegal }).sorted() {
            unreached += 1
            lines.append("  error: reached \(illegal.description), which the dialogue does not declare legal")
        }
        section("commands", Self.possibleCommands, commands)
        section(
            "decision rules", DecisionRule.allCases.filter { $0 != .command }.map(\.rawValue),
            Set(rules.map(\.rawValue)))
        section("red-flag tiers", RedFlagRules.Tier.allCases.map(\.rawValue), Set(tiers.map(\.rawValue)))
        return (lines.joined(separator: "\n") + "\n", unreached)
    }
}
