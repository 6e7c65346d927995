/// Renders why a reply was chosen, for `/why` and `--explain`.
public struct ExplanationRenderer: Sendable {
    public init() {}

    /// The explanation one fact a line, each line after `indent`, with no newline after the last.
    public func render(_ explanation: Explanation, indent: String = "  ") -> String {
        var lines: [String] = []
        let percent = { (value: Double) in "\(Int((value * 100).rounded()))%" }
        let guesses = explanation.ranking.map { "\($0.intent) \(percent($0.confidence))" }.joined(separator: ", ")
        if let intent = explanation.intent {
            // One figure per intent: the ranking's. A rule that chose an intent outside the
            // classifier's top three (a follow-up, a remembered topic) says so instead of showing a
            // second, different confidence for it.
            let ranked = explanation.ranking.contains { $0.intent == intent }
            lines.append("intent: \(intent)" + (ranked ? "" : " (not among the classifier's best three)"))
        } else {
            lines.append("intent: none (not understood)")
        }
        lines.append("ranking: \(guesses)")
        lines.append("rule: \(explanation.rule.summary)")
        let repairs = explanation.repairs.compactMap(Self.repair)
        if !explanation.evidence.isEmpty {
            let words = explanation.evidence.prefix(8).map { evidence in
                "\(evidence.text)\(Self.typed(evidence.text, repairs: repairs)) +\(Self.twoPlaces(evidence.weight))"
            }
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
        return lines.map { indent + $0 }.joined(separator: "\n")
    }

    /// "typed -> repaired" split in two; nil for anything else.
    static func repair(_ text: String) -> (typed: String, repaired: String)? {
        let parts = text.components(separatedBy: " -> ")
        guard parts.count == 2 else { return nil }
        return (parts[0], parts[1])
    }

    /// ` (you typed "relese")` when a matched word or keyword holds a word only a typo repair put
    /// there, so `/why` never claims the person typed a word they did not.
    static func typed(_ evidence: String, repairs: [(typed: String, repaired: String)]) -> String {
        let words = evidence.lowercased().split { !$0.isLetter && !$0.isNumber }
        let typed = repairs.filter { repair in
            words.contains { word in
                // Stems ("releas") and whole words ("release") both come from the repaired word.
                word == repair.repaired || (word.count >= 4 && repair.repaired.hasPrefix(word))
            }
        }
        guard !typed.isEmpty else { return "" }
        return " (you typed " + typed.map { "\"\($0.typed)\"" }.joined(separator: ", ") + ")"
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
        return base.render(reply) + "\nWhy:\n" + ExplanationRenderer().render(explanation) + "\n"
    }
}
