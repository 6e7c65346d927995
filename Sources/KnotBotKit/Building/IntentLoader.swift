import Foundation
import Yams

/// Reads intent files into definitions, reporting every schema problem with its file and line.
public enum IntentLoader {
    static let keys: Set<String> = [
        "intent", "topic", "summary", "keywords", "examples", "answer", "more", "reply", "understood",
        "ends-session", "self-care", "action", "role", "eval", "sources",
    ]
    static let evalKeys: Set<String> = ["any", "at-least", "all", "max-length", "declined", "declined-passes", "fresh"]

    /// Reads one intent file; problems go to `diagnostics`, and nil comes back when it has errors.
    public static func read(_ file: DataFile, diagnostics: inout [Diagnostic]) -> IntentDefinition? {
        var reader = YAMLReader(path: file.path)
        let definition = read(file, reader: &reader)
        diagnostics.append(contentsOf: reader.diagnostics)
        return reader.hasErrors ? nil : definition
    }

    private static func read(_ file: DataFile, reader: inout YAMLReader) -> IntentDefinition? {
        guard let root = reader.root(of: file.text),
            let fields = reader.mapping(
                root, what: "an intent", allowed: keys, required: ["intent", "topic", "summary", "examples"])
        else { return nil }
        let id = fields["intent"].flatMap { reader.text($0, what: "intent") }
        let expectedID = URL(fileURLWithPath: file.path).deletingPathExtension().lastPathComponent
        if let id, id.value != expectedID {
            reader.error("intent '\(id.value)' must be named like its file ('\(expectedID)')", line: id.line)
        }
        let topic = fields["topic"].flatMap { reader.text($0, what: "topic") }
        let summary = fields["summary"].flatMap { reader.text($0, what: "summary") }
        // An example longer than the longest question KnotBot reads (the rest is cut) can never be asked.
        let examples =
            fields["examples"].flatMap {
                reader.textList($0, what: "examples", maximumLength: Utterance.maximumLength)
            } ?? []
        if fields["examples"] != nil && examples.isEmpty {
            reader.error(
                "examples must list at least one way people ask", line: YAMLReader.line(of: fields["examples"]))
        }
        var seen: [String: Int?] = [:]
        for example in examples {
            let key = TextAnalyzer.normalize(example.value)
            if let first = seen[key] {
                let at = first.map { " (first at line \($0))" } ?? ""
                reader.warning("duplicate example '\(YAMLReader.quote(example.value))'\(at)", line: example.line)
            } else {
                seen[key] = example.line
            }
        }
        let keywords = fields["keywords"].map { readKeywords($0, reader: &reader) } ?? []
        let response = readResponse(fields, reader: &reader, line: YAMLReader.line(of: root))
        let understood = fields["understood"].flatMap { reader.bool($0, what: "understood") } ?? true
        let endsSession = fields["ends-session"].flatMap { reader.bool($0, what: "ends-session") } ?? false
        let selfCare = fields["self-care"].flatMap { reader.bool($0, what: "self-care") } ?? false
        var role: IntentRole?
        if let node = fields["role"], let text = reader.text(node, what: "role") {
            role = IntentRole(rawValue: text.value)
            if role == nil {
                let names = IntentRole.allCases.map(\.rawValue).joined(separator: ", ")
                reader.error("role must be one of \(names), not '\(YAMLReader.quote(text.value))'", line: text.line)
            }
        }
        let check = fields["eval"].flatMap { readCheck($0, reader: &reader) }
        guard let id, let topic, let summary, let response else { return nil }
        var definition = IntentDefinition(
            id: id.value, topic: topic.value, summary: summary.value, keywords: keywords, examples: examples,
            response: response, understood: understood, endsSession: endsSession, selfCare: selfCare, role: role,
            check: check, file: file.path, line: id.line)
        definition.action = fields["action"].flatMap { reader.bool($0, what: "action") } ?? false
        if let node = fields["sources"] {
            // Sources belong to the bot's own words; an answer's facts cite their own.
            if fields["reply"] == nil {
                reader.error("'sources' goes with 'reply', not with 'answer'", line: YAMLReader.line(of: node))
            }
            definition.sources = reader.textList(node, what: "sources") ?? []
        }
        return definition
    }

    /// The `eval:` block: what an answer on the topic must hold.
    private static func readCheck(_ node: Node, reader: inout YAMLReader) -> AnswerCheck? {
        guard let fields = reader.mapping(node, what: "eval", allowed: evalKeys) else { return nil }
        var check = AnswerCheck()
        check.any = fields["any"].flatMap { reader.textList($0, what: "eval any") }?.map { $0.value.lowercased() } ?? []
        check.all = fields["all"].flatMap { reader.textList($0, what: "eval all") }?.map { $0.value.lowercased() } ?? []
        if let node = fields["at-least"], let value = reader.number(node, what: "eval at-least", in: 1...20) {
            check.atLeast = Int(value)
        }
        if let node = fields["max-length"], let value = reader.number(node, what: "eval max-length", in: 1...100_000) {
            check.maxLength = Int(value)
        }
        check.declined = fields["declined"].flatMap { reader.bool($0, what: "eval declined") } ?? false
        check.declinedPasses =
            fields["declined-passes"].flatMap { reader.bool($0, what: "eval declined-passes") } ?? false
        check.fresh = fields["fresh"].flatMap { reader.bool($0, what: "eval fresh") } ?? false
        if check.atLeast > max(1, check.any.count) {
            reader.error(
                "eval at-least is \(check.atLeast) but 'any' lists \(check.any.count)", line: YAMLReader.line(of: node))
        }
        return check
    }

    private static func readKeywords(_ node: Node, reader: inout YAMLReader) -> [IntentDefinition.Keyword] {
        guard let items = reader.list(node, what: "keywords") else { return [] }
        var keywords: [IntentDefinition.Keyword] = []
        for item in items {
            guard
                let fields = reader.mapping(
                    item, what: "a keyword", allowed: ["term", "weight", "synonyms"], required: ["term", "weight"]),
                let term = fields["term"].flatMap({ reader.text($0, what: "a keyword's term") }),
                let weight = fields["weight"].flatMap({
                    reader.number($0, what: "the weight of '\(YAMLReader.quote(term.value))'", in: -5...5)
                })
            else { continue }
            let synonyms = fields["synonyms"].flatMap {
                reader.textList($0, what: "synonyms of '\(YAMLReader.quote(term.value))'")
            }
            // A `*` stands between words ("why * hurt"): a phrase is found by its first word.
            for phrase in [term] + (synonyms ?? []) {
                let trimmed = phrase.value.trimmingCharacters(in: .whitespaces)
                if trimmed.hasPrefix("*") || trimmed.hasSuffix("*") || trimmed.contains(/\*\s*\*/) {
                    reader.error(
                        "keyword '\(YAMLReader.quote(phrase.value))' may use '*' only between words", line: phrase.line)
                }
            }
            keywords.append(
                IntentDefinition.Keyword(
                    term: term.value, weight: weight, synonyms: synonyms?.map(\.value) ?? [], line: term.line))
        }
        return keywords
    }

    private static func readResponse(
        _ fields: [String: Node], reader: inout YAMLReader, line: Int?
    ) -> IntentDefinition.Response? {
        switch (fields["answer"], fields["reply"]) {
        case (let answer?, nil):
            var pages: [[Located<IntentDefinition.AnswerPart>]] = []
            if let first = readParts(answer, what: "answer", reader: &reader) { pages.append(first) }
            if let more = fields["more"], let items = reader.list(more, what: "more") {
                for (index, item) in items.enumerated() {
                    if let page = readParts(item, what: "more reply \(index + 1)", reader: &reader) {
                        pages.append(page)
                    }
                }
            }
            return pages.isEmpty ? nil : .knowledge(pages)
        case (nil, let reply?):
            if let more = fields["more"] {
                reader.error("'more' goes with 'answer', not with 'reply'", line: YAMLReader.line(of: more))
            }
            return reader.text(reply, what: "reply").map { .reply($0.value) }
        case (_?, _?):
            reader.error(
                "an intent has either 'answer' or 'reply', not both", line: YAMLReader.line(of: fields["reply"]))
            return nil
        case (nil, nil):
            reader.error("an intent needs an 'answer' (from the knowledge) or a 'reply' (its own words)", line: line)
            return nil
        }
    }

    private static func readParts(
        _ node: Node, what: String, reader: inout YAMLReader
    ) -> [Located<IntentDefinition.AnswerPart>]? {
        guard let items = reader.list(node, what: what) else { return nil }
        var parts: [Located<IntentDefinition.AnswerPart>] = []
        for item in items {
            guard let fields = reader.mapping(item, what: "a part of \(what)", allowed: ["article", "supplement"])
            else { continue }
            switch (fields["article"], fields["supplement"]) {
            case (let article?, nil):
                if let text = reader.text(article, what: "article") {
                    parts.append(Located(.article(text.value), line: text.line))
                }
            case (nil, let supplement?):
                if let id = reader.text(supplement, what: "supplement") {
                    parts.append(Located(.supplement(id.value), line: id.line))
                }
            default:
                reader.error(
                    "each part of \(what) is either 'article: <sentence start>' or 'supplement: <fact id>'",
                    line: YAMLReader.line(of: item))
            }
        }
        if parts.isEmpty {
            reader.error("\(what) must have at least one part", line: YAMLReader.line(of: node))
            return nil
        }
        return parts
    }
}
