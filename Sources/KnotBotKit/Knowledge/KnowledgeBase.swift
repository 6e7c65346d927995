/// The article and the supplement facts that fill its lost lists, checked against each other.
public struct KnowledgeBase: Sendable, Hashable {
    public var article: Article
    /// Facts in file order; each gap's facts follow its lead.
    public var facts: [SupplementFact]

    public init(article: Article, facts: [SupplementFact]) {
        self.article = article
        self.facts = facts
    }

    public func fact(_ id: String) -> SupplementFact? {
        facts.first { $0.id == id }
    }

    /// The source string a reply gives for a quoted article section.
    public func citation(forSection heading: String) -> String {
        "Article: \(heading)"
    }
}
