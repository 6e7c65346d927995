/// Renders why a reply was chosen, for `/why` and `--explain`.
public struct ExplanationRenderer: Sendable {
    public init() {}

    public func render(_ explanation: Explanation) -> String {
        var lines: [String] = []
        let percent = { (value: Double) in "\(Int((value * 100).rounded()))%" }
        let guesses = explanation.ranking.map { "\($0.intent) \(percent($0.confidence))" }.joined(separator: ", ")
        if let intent = explanation.intent {
            lines.append("intent: \(intent) (\(percent(explanation.confidence)))")
        } else {
            lines.append("intent: none (not understood)")
        }
        lines.append("ranking: \(guesses)")
        lines.append("rule: \(explanation.rule.summary)")
        if !explanation.evidence.isEmpty {
            let words = explanation.evidence.prefix(8).map { "\($0.text) +\(Self.twoPlaces($0.weight))" }
            lines.append("matched: " + words.joined(separator: ", "))
        }
        if !explanation.aspects.isEmpty {
            lines.append("asked about: " + explanation.aspects.joined(separator: ", "))
        }
        if !explanation.context.isEmpty {
            lines.append("remembered: " + explanation.context.joined(separator: ", "))
        }
        if !explanation.repairs.isEmpty {
            lines.append("typos repaired: " + explanation.repairs.joined(separator: ", "))
        }
        for match in explanation.redFlags {
            lines.append(
                "red flag: \(match.flag.id) (\(match.flag.tier.rawValue), about \(Self.person(match.experiencer))) from "
                    + match.matchedPhrases.map { "\"\($0)\"" }.joined(separator: " + "))
        }
        for match in explanation.heldBackFlags {
            lines.append(
                "not raised: \(match.flag.id), \(Self.person(match.experiencer)) (from "
                    + match.matchedPhrases.map { "\"\($0)\"" }.joined(separator: " + ") + ")")
        }
        return lines.map { "  " + $0 }.joined(separator: "\n") + "\n"
    }

    /// Whose a match is, in words.
    static func person(_ experiencer: RedFlagRules.Experiencer) -> String {
        switch experiencer {
        case .user: "you"
        case .other: "someone you asked about"
        case .family: "family history"
        case .general: "a general question"
        }
    }

    static func twoPlaces(_ value: Double) -> String {
        let hundredths = Int((value * 100).rounded())
        let fraction = abs(hundredths % 100)
        return "\(hundredths / 100).\(fraction < 10 ? "0" : "")\(fraction)"
    }
}

/// A renderer that adds, after each reply, why it was chosen (`--explain`).
public struct ExplainingRenderer: ReplyRenderer {
    public let base: any ReplyRenderer

    public init(base: any ReplyRenderer) {
        self.base = base
    }

    public func render(_ reply: Reply) -> String {
        guard let explanation = reply.explanation else { return base.render(reply) }
        return base.render(reply) + "\nWhy:\n" + ExplanationRenderer().render(explanation)
    }
}
