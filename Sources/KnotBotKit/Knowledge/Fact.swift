/// One unit of knowledge an answer is built from: an article sentence or a supplement fact, with
/// the intents it serves and the aspects it speaks to.
public struct Fact: Sendable, Hashable {
    /// Where the words come from, which decides how they are marked.
    public enum Origin: Sendable, Hashable {
        /// A sentence of the article, quoted as the article's.
        case article(section: String, line: Int)
        /// The article's byline, reported rather than quoted.
        case byline
        /// A supplement fact; `citedByArticle` when every source is one the article itself cites.
        case supplement(citedByArticle: Bool)
    }

    /// The supplement fact's id, or `article:LINE` for an article sentence.
    public var id: String
    public var text: String
    /// The items of an intact list the sentence introduces (the article's resources).
    public var listItems: [String]
    public var origin: Origin
    /// Article section citations and supplement source URLs or titles.
    public var sources: [String]
    /// The ids of the intents whose questions it can answer.
    public var serves: [String]
    public var aspects: AspectSet
    /// Conditions without which the fact is never used (pregnancy, blood thinners).
    public var requires: AspectSet
    /// The direct lead a yes/no question gets when this fact answers it ("Quite possibly.").
    public var yes: String?
    /// The index of the fact "the other one" asks for after this one.
    public var pair: Int?
    /// The index of the sentence this one leans on, said before it whenever it is used.
    public var previous: Int?

    public init(
        id: String, text: String, listItems: [String] = [], origin: Origin, sources: [String], serves: [String] = [],
        aspects: AspectSet = .empty, requires: AspectSet = .empty, yes: String? = nil, pair: Int? = nil,
        previous: Int? = nil
    ) {
        self.previous = previous
        self.id = id
        self.text = text
        self.listItems = listItems
        self.origin = origin
        self.sources = sources
        self.serves = serves
        self.aspects = aspects
        self.requires = requires
        self.yes = yes
        self.pair = pair
    }

    /// The id an article sentence's fact has.
    public static func articleID(line: Int) -> String { "article:\(line)" }
}
