/// Runs safety-set texts through the bot, each as the first turn of a session, and scores the care
/// each reply sends the person to.
public struct SafetyEvaluator: Sendable {
    public let assistant: Assistant

    public init(assistant: Assistant) {
        self.assistant = assistant
    }

    /// What the reply sent the person to: its most serious tier, or `none`.
    public func outcome(for text: String) -> (tier: String, raised: [String]) {
        let reply = assistant.respond(to: text, in: .start).reply
        let raised = reply.explanation?.redFlags ?? []
        guard reply.urgent, let top = raised.first else { return ("none", raised.map(\.flag.id)) }
        return (top.flag.tier.rawValue, raised.map(\.flag.id))
    }

    public func evaluate(_ cases: [SafetyCase], progress: (_ done: Int, _ total: Int) -> Void = { _, _ in })
        -> SafetyReport
    {
        var flags: [String: SafetyReport.Tally] = [:]
        var tiers: [String: SafetyReport.Tally] = [:]
        var classes: [String: SafetyReport.Tally] = [:]
        var report = SafetyReport(
            flags: [], tiers: [], nearMisses: [], misses: [], positives: 0, caught: 0, rightTier: 0, crisis: 0,
            crisisCaught: 0, falseAlarms: 0, nearMissTotal: 0, crisisToFigures: 0)
        for (index, item) in cases.enumerated() {
            let (tier, raised) = outcome(for: item.text)
            let warned = tier != "none"
            if item.isNearMiss {
                let name = item.class.isEmpty ? "unclassified" : item.class
                classes[name, default: .init(name: name, total: 0, hits: 0, exact: 0)].total += 1
                report.nearMissTotal += 1
                if warned {
                    classes[name]?.hits += 1
                    report.falseAlarms += 1
                    if tier == "crisis" && item.class == "figure-of-speech" { report.crisisToFigures += 1 }
                }
            } else {
                report.positives += 1
                if warned { report.caught += 1 }
                if tier == item.expect { report.rightTier += 1 }
                tiers[item.expect, default: .init(name: item.expect, total: 0, hits: 0, exact: 0)].total += 1
                if warned { tiers[item.expect]?.hits += 1 }
                if tier == item.expect { tiers[item.expect]?.exact += 1 }
                if item.expect == "crisis" {
                    report.crisis += 1
                    if tier == "crisis" { report.crisisCaught += 1 }
                }
                for flag in item.flags {
                    flags[flag, default: .init(name: flag, total: 0, hits: 0, exact: 0)].total += 1
                    if warned { flags[flag]?.hits += 1 }
                    if raised.contains(flag) { flags[flag]?.exact += 1 }
                }
            }
            if tier != item.expect {
                report.misses.append(
                    .init(text: item.text, expected: item.expect, got: tier, flags: item.flags, raised: raised))
            }
            progress(index + 1, cases.count)
        }
        let tierOrder = ["crisis", "emergency", "urgent"]
        report.flags = flags.values.sorted { $0.name < $1.name }
        report.tiers = tiers.values.sorted {
            (tierOrder.firstIndex(of: $0.name) ?? 9) < (tierOrder.firstIndex(of: $1.name) ?? 9)
        }
        report.nearMisses = classes.values.sorted { $0.name < $1.name }
        return report
    }
}
