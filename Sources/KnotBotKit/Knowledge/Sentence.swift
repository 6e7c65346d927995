/// One sentence of the article, with where it sits.
public struct Sentence: Sendable, Hashable {
    /// The sentence exactly as the article has it.
    public var text: String
    /// The 1-based line of `article.txt` it comes from.
    public var line: Int
    /// The heading of the section it belongs to.
    public var section: String
    /// The items of the intact list this sentence introduces, if any (only the resources list here).
    public var listItems: [String]

    public init(text: String, line: Int, section: String, listItems: [String] = []) {
        self.text = text
        self.line = line
        self.section = section
        self.listItems = listItems
    }
}
