/// The article the bot answers from, parsed into its parts.
public struct Article: Sendable, Hashable {
    public var title: String
    public var author: String
    /// The byline exactly as written ("- by Daniel").
    public var byline: Sentence
    /// The line under the title that sums the article up.
    public var standfirst: String
    public var sections: [ArticleSection]
    /// The URLs listed under "Resources used in researching this article:".
    public var resources: [String]
    /// The places where a list was lost, in reading order.
    public var gaps: [ListGap]

    public init(
        title: String, author: String, byline: Sentence, standfirst: String, sections: [ArticleSection],
        resources: [String], gaps: [ListGap]
    ) {
        self.title = title
        self.author = author
        self.byline = byline
        self.standfirst = standfirst
        self.sections = sections
        self.resources = resources
        self.gaps = gaps
    }

    /// Every sentence in reading order.
    public var sentences: [Sentence] {
        sections.flatMap(\.sentences)
    }

    /// The sentences, byline included, that begin with `prefix` (whitespace and case exact).
    public func sentences(beginningWith prefix: String) -> [Sentence] {
        ([byline] + sentences).filter { $0.text.hasPrefix(prefix) }
    }
}
