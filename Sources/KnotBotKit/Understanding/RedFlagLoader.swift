import Yams

/// Loads `red-flags.yaml`, stemming every phrase with the same analyzer the utterances go through.
public enum RedFlagLoader {
    public static func load(_ file: DataFile, analyzer: TextAnalyzer) throws(KnotBotError) -> RedFlagRules {
        var reader = YAMLReader(path: file.path)
        var rules = RedFlagRules(negationCues: [], negationWindow: 4, negationBreaks: [], advice: [:], flags: [])
        if let root = reader.root(of: file.text),
            let top = reader.mapping(
                root, what: "the red flags", allowed: ["negation", "tiers", "flags"],
                required: ["negation", "tiers", "flags"])
        {
            readNegation(top["negation"], into: &rules, reader: &reader)
            readTiers(top["tiers"], into: &rules, reader: &reader)
            readFlags(top["flags"], into: &rules, analyzer: analyzer, reader: &reader)
        }
        if reader.hasErrors {
            throw .invalidData(reader.diagnostics.filter { $0.severity == .error })
        }
        return rules
    }

    private static func readNegation(_ node: Node?, into rules: inout RedFlagRules, reader: inout YAMLReader) {
        guard let node,
            let fields = reader.mapping(
                node, what: "negation", allowed: ["cues", "window", "breaks"], required: ["cues", "window"])
        else { return }
        let cues = fields["cues"].flatMap { reader.textList($0, what: "negation cues") } ?? []
        rules.negationCues = WordSet(cues.map { TextAnalyzer.normalize($0.value) })
        if rules.negationCues.contains("cannot") {
            reader.error(
                "'cannot' must not be a negation cue: it is part of symptoms such as 'cannot feel'",
                line: cues.first { $0.value == "cannot" }?.line)
        }
        if let window = fields["window"].flatMap({ reader.number($0, what: "negation window", in: 1...10) }) {
            rules.negationWindow = Int(window)
        }
        let breaks = fields["breaks"].flatMap { reader.textList($0, what: "negation breaks") } ?? []
        rules.negationBreaks = WordSet(breaks.map { TextAnalyzer.normalize($0.value) })
    }

    private static func readTiers(_ node: Node?, into rules: inout RedFlagRules, reader: inout YAMLReader) {
        let names = Set(RedFlagRules.Tier.allCases.map(\.rawValue))
        guard let node, let tiers = reader.mapping(node, what: "tiers", allowed: names, required: names.sorted())
        else { return }
        for (name, value) in tiers {
            guard let tier = RedFlagRules.Tier(rawValue: name),
                let fields = reader.mapping(value, what: "tier '\(name)'", allowed: ["advice"], required: ["advice"]),
                let advice = fields["advice"].flatMap({ reader.text($0, what: "advice of tier '\(name)'") })
            else { continue }
            rules.advice[tier] = advice.value
        }
    }

    private static func readFlags(
        _ node: Node?, into rules: inout RedFlagRules, analyzer: TextAnalyzer, reader: inout YAMLReader
    ) {
        guard let node, let items = reader.list(node, what: "flags") else { return }
        var ids: Set<String> = []
        for item in items {
            guard
                let fields = reader.mapping(
                    item, what: "a flag", allowed: ["id", "tier", "symptom", "sources", "match"],
                    required: ["id", "tier", "symptom", "sources", "match"]),
                let id = fields["id"].flatMap({ reader.text($0, what: "a flag's id") }),
                let tierText = fields["tier"].flatMap({ reader.text($0, what: "tier of flag '\(id.value)'") }),
                let symptom = fields["symptom"].flatMap({ reader.text($0, what: "symptom of flag '\(id.value)'") }),
                let sources = fields["sources"].flatMap({ reader.textList($0, what: "sources of flag '\(id.value)'") }),
                let matchNode = fields["match"], let matchItems = reader.list(matchNode, what: "match of '\(id.value)'")
            else { continue }
            if !ids.insert(id.value).inserted {
                reader.error("flag id '\(id.value)' is used twice", line: id.line)
            }
            guard let tier = RedFlagRules.Tier(rawValue: tierText.value) else {
                reader.error("tier of flag '\(id.value)' must be emergency or urgent", line: tierText.line)
                continue
            }
            if sources.isEmpty {
                reader.error("flag '\(id.value)' must cite at least one source", line: id.line)
            }
            var patterns: [RedFlagRules.Pattern] = []
            for matchItem in matchItems {
                guard
                    let pattern = reader.mapping(
                        matchItem, what: "a match of flag '\(id.value)'", allowed: ["all", "any"])
                else { continue }
                if let all = pattern["all"], let groups = reader.list(all, what: "all") {
                    let phraseGroups = groups.compactMap { group in
                        reader.textList(group, what: "a group of 'all'").map { phrases($0, analyzer: analyzer) }
                    }
                    patterns.append(.all(phraseGroups))
                } else if let any = pattern["any"], let list = reader.textList(any, what: "any") {
                    patterns.append(.any(phrases(list, analyzer: analyzer)))
                } else {
                    reader.error(
                        "a match needs 'all' (groups) or 'any' (phrases)", line: YAMLReader.line(of: matchItem))
                }
            }
            rules.flags.append(
                RedFlagRules.Flag(
                    id: id.value, tier: tier, symptom: symptom.value, sources: sources.map(\.value),
                    patterns: patterns))
        }
    }

    private static func phrases(_ list: [Located<String>], analyzer: TextAnalyzer) -> [RedFlagRules.Phrase] {
        list.map { RedFlagRules.Phrase(text: $0.value, stems: analyzer.stems(ofPhrase: $0.value)) }
            .filter { !$0.stems.isEmpty }
    }
}
