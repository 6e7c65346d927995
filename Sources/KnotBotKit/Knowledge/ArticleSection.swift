/// A run of sentences under one heading; the opening paragraphs sit under the article's title.
public struct ArticleSection: Sendable, Hashable {
    public var heading: String
    public var sentences: [Sentence]

    public init(heading: String, sentences: [Sentence]) {
        self.heading = heading
        self.sentences = sentences
    }
}
