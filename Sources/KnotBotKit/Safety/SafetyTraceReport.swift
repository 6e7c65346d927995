/// What the safety layer made of one text, as lines for a maintainer: each concept it found, with
/// its state and whose it is, then the flags raised and held back.
public struct SafetyTraceReport: Sendable, Hashable {
    public var concepts: [ConceptTrace]
    public var findings: SafetyFindings

    public init(text: String, assistant: Assistant) {
        let tokens = assistant.analyzer.analyze(text)
        concepts = assistant.detector.trace(tokens)
        findings = assistant.detector.assess(tokens)
    }

    /// The report, one line per concept match and per flag.
    public var lines: [String] {
        var lines: [String] = []
        let width = min(24, concepts.map(\.concept.count).max() ?? 0)
        var sentence = 0
        for trace in concepts {
            if trace.sentence != sentence {
                sentence = trace.sentence
                lines.append("sentence \(sentence):")
            }
            let name = trace.concept + String(repeating: " ", count: max(0, width - trace.concept.count))
            lines.append("  \(name)  \"\(trace.words)\"  \(trace.state.rawValue), \(trace.experiencer.rawValue)")
        }
        if concepts.isEmpty { lines.append("no concept matched") }
        for match in findings.raised {
            lines.append(
                "raised: \(match.flag.id) (\(match.flag.tier.rawValue), \(match.experiencer.rawValue)) from "
                    + match.matchedPhrases.map { "\"\($0)\"" }.joined(separator: " + "))
        }
        for match in findings.heldBack {
            lines.append("held back: \(match.flag.id) (\(match.experiencer.rawValue))")
        }
        if findings.raised.isEmpty { lines.append("raised: nothing") }
        return lines
    }
}
