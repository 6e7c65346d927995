/// Builds an answer from article sentences and supplement facts, marking which is which.
///
/// Article text is quoted as the article's. A supplement fact is introduced as coming from outside
/// the article, naming whether the article's own cited sources say it, and its URLs join the sources.
public struct AnswerComposer: Sendable {
    /// Answers longer than this are refused at build time: a terminal reply should fit on a screen.
    public static let maximumLength = 900

    public let knowledge: KnowledgeBase

    public init(knowledge: KnowledgeBase) {
        self.knowledge = knowledge
    }

    /// Composes one page, or reports each part that points at nothing.
    public func compose(
        _ parts: [Located<IntentDefinition.AnswerPart>], file: String
    ) -> Result<AnswerPage, KnotBotError> {
        var diagnostics: [Diagnostic] = []
        var paragraphs: [String] = []
        var quoted: [Sentence] = []
        var sources: [String] = []
        var factsInPage = 0
        func add(_ source: String) {
            if !sources.contains(source) { sources.append(source) }
        }
        var lastWasFact = false
        func flushQuote() {
            guard !quoted.isEmpty else { return }
            paragraphs.append(quotation(quoted))
            quoted = []
        }
        for part in parts {
            switch part.value {
            case .article(let prefix):
                let matches = knowledge.article.sentences(beginningWith: prefix)
                guard matches.count == 1, let sentence = matches.first else {
                    let problem =
                        matches.isEmpty
                        ? "no article sentence begins with \"\(prefix)\""
                        : "\(matches.count) article sentences begin with \"\(prefix)\"; quote more of it"
                    diagnostics.append(Diagnostic(file: file, line: part.line, message: problem))
                    continue
                }
                lastWasFact = false
                if sentence == knowledge.article.byline {
                    flushQuote()
                    paragraphs.append(
                        "The article was written by \(knowledge.article.author) (its byline reads \"\(sentence.text)\")."
                    )
                } else {
                    quoted.append(sentence)
                }
                add(knowledge.citation(forSection: sentence.section))
            case .supplement(let id):
                guard let fact = knowledge.fact(id) else {
                    diagnostics.append(
                        Diagnostic(file: file, line: part.line, message: "no supplement fact has the id '\(id)'"))
                    continue
                }
                // Facts that follow one another share one paragraph and one plain marker; a fact after a
                // quotation is marked again, so no supplemented sentence reads as the article's.
                if quoted.isEmpty, lastWasFact, let last = paragraphs.popLast() {
                    paragraphs.append(last + " " + fact.text)
                } else {
                    flushQuote()
                    paragraphs.append(marked(fact, first: factsInPage == 0))
                }
                lastWasFact = true
                factsInPage += 1
                for source in fact.sources { add(source.citation) }
            }
        }
        flushQuote()
        let text = paragraphs.joined(separator: "\n\n")
        if diagnostics.isEmpty && text.count > Self.maximumLength {
            diagnostics.append(
                Diagnostic(
                    file: file, line: parts.first?.line,
                    message: "this answer is \(text.count) characters; the limit is \(Self.maximumLength)"))
        }
        return diagnostics.isEmpty
            ? .success(AnswerPage(text: text, sources: sources)) : .failure(.invalidData(diagnostics))
    }

    private func quotation(_ sentences: [Sentence]) -> String {
        var body = sentences.map(\.text).joined(separator: " ")
        let items = sentences.flatMap(\.listItems)
        if !items.isEmpty {
            body += "\n" + items.map { "  - \($0)" }.joined(separator: "\n")
        } else if body.hasSuffix(":") {
            // A lead whose list was lost ("such as:") would end the quote on nothing: the elision
            // is marked instead.
            body = String(body.dropLast()).trimmingCharacters(in: .whitespaces) + " ..."
        }
        return "The article says: \"\(body)\""
    }

    private func marked(_ fact: SupplementFact, first: Bool) -> String {
        let cited = fact.sources.allSatisfy { source in
            source.url.map { knowledge.article.resources.contains($0) } ?? false
        }
        let from = first ? "From" : "Also from"
        let marker =
            cited ? "\(from) the article's own sources, not its words:" : "\(from) other sources, not the article:"
        return marker + " " + fact.text
    }
}
