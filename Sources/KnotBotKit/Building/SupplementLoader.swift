import Yams

/// Loads `supplement.yaml`: the sourced facts that fill the article's lost lists.
///
/// Every gap the parser found must be filled, and every fill must name a gap the parser found, so a
/// change to either file cannot silently leave a list empty.
public enum SupplementLoader {
    public static func load(_ file: DataFile, article: Article) throws(KnotBotError) -> KnowledgeBase {
        var reader = YAMLReader(path: file.path)
        var facts: [SupplementFact] = []
        if let root = reader.root(of: file.text),
            let top = reader.mapping(
                root, what: "the supplement", allowed: ["sources", "gaps"], required: ["sources", "gaps"])
        {
            let sources = readSources(top["sources"], reader: &reader)
            facts = readGaps(top["gaps"], sources: sources, article: article, reader: &reader)
        }
        if reader.hasErrors {
            throw .invalidData(reader.diagnostics.filter { $0.severity == .error })
        }
        return KnowledgeBase(article: article, facts: facts)
    }

    private static func readSources(_ node: Node?, reader: inout YAMLReader) -> [String: SupplementSource] {
        guard let node, let entries = reader.mapping(node, what: "sources", allowed: nil) else { return [:] }
        var sources: [String: SupplementSource] = [:]
        for (key, value) in entries {
            guard
                let fields = reader.mapping(
                    value, what: "source '\(key)'", allowed: ["title", "url"], required: ["title"]),
                let title = fields["title"].flatMap({ reader.text($0, what: "title of source '\(key)'") })
            else { continue }
            let url = fields["url"].flatMap { reader.text($0, what: "url of source '\(key)'") }
            if let url, !(url.value.hasPrefix("https://") || url.value.hasPrefix("http://")) {
                reader.error("url of source '\(key)' must start with https:// or http://", line: url.line)
            }
            sources[key] = SupplementSource(key: key, title: title.value, url: url?.value)
        }
        return sources
    }

    private static func readGaps(
        _ node: Node?, sources: [String: SupplementSource], article: Article, reader: inout YAMLReader
    ) -> [SupplementFact] {
        guard let node, let gapNodes = reader.list(node, what: "gaps") else { return [] }
        var facts: [SupplementFact] = []
        var filledLeads: Set<String> = []
        var factIDs: Set<String> = []
        for gapNode in gapNodes {
            guard
                let gap = reader.mapping(
                    gapNode, what: "a gap", allowed: ["id", "lead", "facts"], required: ["id", "lead", "facts"]),
                let id = gap["id"].flatMap({ reader.text($0, what: "a gap's id") }),
                let lead = gap["lead"].flatMap({ reader.text($0, what: "lead of gap '\(id.value)'") }),
                let factNodes = gap["facts"].flatMap({ reader.list($0, what: "facts of gap '\(id.value)'") })
            else { continue }
            if !article.gaps.contains(where: { $0.lead.text == lead.value }) {
                reader.error(
                    "gap '\(id.value)': the article has no sentence that lost its list with this exact text: \(lead.value)",
                    line: lead.line)
            }
            filledLeads.insert(lead.value)
            for factNode in factNodes {
                guard
                    let fields = reader.mapping(
                        factNode, what: "a fact of gap '\(id.value)'", allowed: ["id", "text", "sources"],
                        required: ["id", "text", "sources"]),
                    let factID = fields["id"].flatMap({ reader.text($0, what: "a fact's id") }),
                    let text = fields["text"].flatMap({ reader.text($0, what: "text of fact '\(factID.value)'") }),
                    let keys = fields["sources"].flatMap({
                        reader.textList($0, what: "sources of fact '\(factID.value)'")
                    })
                else { continue }
                if !factIDs.insert(factID.value).inserted {
                    reader.error("fact id '\(factID.value)' is used twice", line: factID.line)
                }
                var cited: [SupplementSource] = []
                for key in keys {
                    if let source = sources[key.value] {
                        cited.append(source)
                    } else {
                        reader.error(
                            "fact '\(factID.value)' cites '\(key.value)', which is not under sources", line: key.line)
                    }
                }
                if keys.isEmpty {
                    reader.error("fact '\(factID.value)' must cite at least one source", line: factID.line)
                }
                facts.append(
                    SupplementFact(id: factID.value, text: text.value, sources: cited, gapLead: lead.value))
            }
        }
        for gap in article.gaps where !filledLeads.contains(gap.lead.text) {
            reader.error(
                "the article's lost list after \"\(gap.lead.text)\" (article line \(gap.lead.line)) has no gap entry",
                line: nil)
        }
        return facts
    }
}
