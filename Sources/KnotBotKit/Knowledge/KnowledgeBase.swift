/// The article and the supplement facts that fill its lost lists, checked against each other.
public struct KnowledgeBase: Sendable, Hashable {
    public var article: Article
    /// Facts in file order; each gap's facts follow its lead, then the facts beyond the gaps.
    public var facts: [SupplementFact]
    /// What each article sentence answers, by the sentence's line (`article-facts.yaml`).
    public var sentenceNotes: [Int: FactNote]

    public init(article: Article, facts: [SupplementFact], sentenceNotes: [Int: FactNote] = [:]) {
        self.article = article
        self.facts = facts
        self.sentenceNotes = sentenceNotes
    }

    /// A source as a reply cites it, expanded with what the knowledge knows of it: the article's
    /// title, author and section, or a supplement source's title and URL.
    public func fullSource(_ source: String) -> String {
        if source.hasPrefix("Article: ") {
            let section = source.dropFirst("Article: ".count)
            return "\"\(article.title)\" by \(article.author), section \"\(section)\""
        }
        for fact in facts {
            if let match = fact.sources.first(where: { $0.citation == source }), let url = match.url {
                return "\(match.title): \(url) (supplement, not the article)"
            }
        }
        return source
    }

    public func fact(_ id: String) -> SupplementFact? {
        facts.first { $0.id == id }
    }

    /// The source string a reply gives for a quoted article section.
    public func citation(forSection heading: String) -> String {
        "Article: \(heading)"
    }

    /// Every unit of knowledge as a fact, without aspects: the byline, each article sentence in
    /// reading order, then each supplement fact.
    public func baseFacts() -> [Fact] {
        var facts: [Fact] = [
            Fact(
                id: Fact.articleID(line: article.byline.line), text: article.byline.text, origin: .byline,
                sources: [citation(forSection: article.byline.section)])
        ]
        for sentence in article.sentences {
            facts.append(
                Fact(
                    id: Fact.articleID(line: sentence.line), text: sentence.text, listItems: sentence.listItems,
                    origin: .article(section: sentence.section, line: sentence.line),
                    sources: [citation(forSection: sentence.section)]))
        }
        for fact in self.facts {
            let cited = fact.sources.allSatisfy { source in
                source.url.map { article.resources.contains($0) } ?? false
            }
            facts.append(
                Fact(
                    id: fact.id, text: fact.text, origin: .supplement(citedByArticle: cited),
                    sources: fact.sources.map(\.citation)))
        }
        return facts
    }
}
