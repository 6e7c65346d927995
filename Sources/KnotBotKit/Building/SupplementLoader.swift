import Yams

/// Loads `supplement.yaml`: the sourced facts that fill the article's lost lists, and those beyond
/// them.
///
/// Every gap the parser found must be filled, and every fill must name a gap the parser found, so a
/// change to either file cannot silently leave a list empty.
public enum SupplementLoader {
    public static func load(_ file: DataFile, article: Article) throws(KnotBotError) -> KnowledgeBase {
        var reader = YAMLReader(path: file.path)
        var facts: [SupplementFact] = []
        if let root = reader.root(of: file.text),
            let top = reader.mapping(
                root, what: "the supplement", allowed: ["sources", "gaps", "beyond-gaps"],
                required: ["sources", "gaps"])
        {
            let sources = readSources(top["sources"], reader: &reader)
            var ids: Set<String> = []
            facts = readGaps(top["gaps"], sources: sources, article: article, ids: &ids, reader: &reader)
            if let beyond = top["beyond-gaps"], let nodes = reader.list(beyond, what: "beyond-gaps") {
                for node in nodes {
                    if let fact = readFact(node, gap: nil, sources: sources, ids: &ids, reader: &reader) {
                        facts.append(fact)
                    }
                }
            }
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
        _ node: Node?, sources: [String: SupplementSource], article: Article, ids: inout Set<String>,
        reader: inout YAMLReader
    ) -> [SupplementFact] {
        guard let node, let gapNodes = reader.list(node, what: "gaps") else { return [] }
        var facts: [SupplementFact] = []
        var filledLeads: Set<String> = []
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
                if let fact = readFact(factNode, gap: lead.value, sources: sources, ids: &ids, reader: &reader) {
                    facts.append(fact)
                }
            }
        }
        for gap in article.gaps where !filledLeads.contains(gap.lead.text) {
            reader.error(
                "the article's lost list after \"\(gap.lead.text)\" (article line \(gap.lead.line)) has no gap entry",
                line: nil)
        }
        return facts
    }

    private static func readFact(
        _ node: Node, gap: String?, sources: [String: SupplementSource], ids: inout Set<String>,
        reader: inout YAMLReader
    ) -> SupplementFact? {
        let owner = gap.map { "a fact of the gap led by \"\($0)\"" } ?? "a fact beyond the gaps"
        guard
            let fields = reader.mapping(
                node, what: owner, allowed: noteKeys.union(["id", "text", "sources"]),
                required: ["id", "text", "sources", "serves"]),
            let factID = fields["id"].flatMap({ reader.text($0, what: "a fact's id") }),
            let text = fields["text"].flatMap({ reader.text($0, what: "text of fact '\(factID.value)'") }),
            let keys = fields["sources"].flatMap({
                reader.textList($0, what: "sources of fact '\(factID.value)'")
            })
        else { return nil }
        if !ids.insert(factID.value).inserted {
            reader.error("fact id '\(factID.value)' is used twice", line: factID.line)
        }
        var cited: [SupplementSource] = []
        for key in keys {
            if let source = sources[key.value] {
                cited.append(source)
            } else {
                reader.error("fact '\(factID.value)' cites '\(key.value)', which is not under sources", line: key.line)
            }
        }
        if keys.isEmpty {
            reader.error("fact '\(factID.value)' must cite at least one source", line: factID.line)
        }
        let note = readNote(fields, what: "fact '\(factID.value)'", line: factID.line ?? 0, reader: &reader)
        return SupplementFact(id: factID.value, text: text.value, sources: cited, gapLead: gap, note: note)
    }

    /// The keys that say what a unit of knowledge answers, shared with `article-facts.yaml`.
    static let noteKeys: Set<String> = ["serves", "aspects", "requires", "yes", "pair"]

    /// Reads a unit's note; names are checked later, against the intents and aspects compiled with it.
    static func readNote(
        _ fields: [String: Node], what: String, line: Int, reader: inout YAMLReader
    ) -> FactNote {
        func names(_ key: String) -> [String] {
            fields[key].flatMap { reader.textList($0, what: "\(key) of \(what)") }?.map(\.value) ?? []
        }
        let serves = names("serves")
        if fields["serves"] != nil, serves.isEmpty {
            reader.error("\(what) serves no intent; name at least one under 'serves'", line: line)
        }
        return FactNote(
            serves: serves, aspects: names("aspects"), requires: names("requires"),
            yes: fields["yes"].flatMap { reader.text($0, what: "yes of \(what)") }?.value,
            pair: fields["pair"].flatMap { reader.text($0, what: "pair of \(what)") }?.value,
            file: reader.path, line: line)
    }
}
