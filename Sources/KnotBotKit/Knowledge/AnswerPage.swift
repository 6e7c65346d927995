/// One reply's worth of knowledge: the text and where it comes from.
public struct AnswerPage: Sendable, Hashable {
    public var text: String
    /// Article section names ("Article: What Causes Muscle Knots?") and supplement URLs.
    public var sources: [String]

    public init(text: String, sources: [String]) {
        self.text = text
        self.sources = sources
    }
}
