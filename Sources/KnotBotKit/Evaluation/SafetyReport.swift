/// How the safety layer fared on a safety set: recall per flag and tier, the right tier, crisis
/// recall, and false alarms per near-miss class.
public struct SafetyReport: Sendable, Hashable, Codable {
    /// A count of texts and how many of them came out right.
    public struct Tally: Sendable, Hashable, Codable {
        public var name: String
        public var total: Int
        /// Texts that got a warning (for flags and tiers) or wrongly got one (for near-miss classes).
        public var hits: Int
        /// Texts whose reply named this very flag, or spoke at this very tier.
        public var exact: Int

        public var rate: Double {
            total == 0 ? 0 : Double(hits) / Double(total) * 100
        }
    }

    /// A text the bot got wrong.
    public struct Miss: Sendable, Hashable, Codable {
        public var text: String
        public var expected: String
        public var got: String
        public var flags: [String]
        public var raised: [String]
    }

    /// Recall per flag: `hits` got a warning, `exact` named the flag.
    public var flags: [Tally]
    /// Recall per expected tier: `hits` got a warning, `exact` got that tier.
    public var tiers: [Tally]
    /// False alarms per near-miss class: `hits` got a warning.
    public var nearMisses: [Tally]
    public var misses: [Miss]
    public var positives: Int
    public var caught: Int
    public var rightTier: Int
    public var crisis: Int
    public var crisisCaught: Int
    public var falseAlarms: Int
    public var nearMissTotal: Int
    /// Crisis replies to near-misses of the figure-of-speech class.
    public var crisisToFigures: Int

    /// `safety recall A% tier B% crisis C% false-alarms D% (P warnings, N near-misses)`.
    public var summaryLine: String {
        func percent(_ part: Int, _ whole: Int) -> String {
            guard whole > 0 else { return "n/a" }
            return Tenths.text(Double(part) / Double(whole) * 100) + "%"
        }
        return "safety recall \(percent(caught, positives)) tier \(percent(rightTier, positives)) "
            + "crisis \(percent(crisisCaught, crisis)) false-alarms \(percent(falseAlarms, nearMissTotal)) "
            + "(\(positives) warnings, \(nearMissTotal) near-misses, \(crisisToFigures) crisis replies to figures of speech)"
    }

    /// The report for people: three tables, the misses, and the summary line last.
    ///
    /// Every line is escaped (`TerminalText`): flag and class names and texts come from the safety set.
    public var text: String {
        var lines: [String] = []
        func table(_ title: String, _ header: String, _ rows: [Tally], exact: Bool) {
            guard !rows.isEmpty else { return }
            lines.append(title)
            lines.append(header)
            for row in rows {
                let name = row.name.padding(toLength: 30, withPad: " ", startingAt: 0)
                let extra = exact ? "  \(row.exact)/\(row.total)" : ""
                lines.append("  \(name) \(EvaluationReport.cell(row.rate / 100))%  \(row.hits)/\(row.total)\(extra)")
            }
            lines.append("")
        }
        table("recall per flag:", "  flag                              warned  n    named", flags, exact: true)
        table("recall per tier:", "  tier                              warned  n    right tier", tiers, exact: true)
        table(
            "false alarms per near-miss class:", "  class                             alarmed n", nearMisses,
            exact: false)
        if !misses.isEmpty {
            lines.append("wrong replies:")
            for miss in misses {
                let shown = miss.text.count > 140 ? String(miss.text.prefix(140)) + "..." : miss.text
                let raised = miss.raised.isEmpty ? "" : " [\(miss.raised.joined(separator: ", "))]"
                lines.append(
                    "  \"\(TerminalText.escaped(shown, quoting: true))\" expected \(miss.expected), got \(miss.got)\(raised)"
                )
            }
            lines.append("")
        }
        lines.append(summaryLine)
        return lines.map { TerminalText.escaped($0) }.joined(separator: "\n") + "\n"
    }
}
