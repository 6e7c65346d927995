/// A source a supplement fact cites: a web page, or a named text where no URL is known.
public struct SupplementSource: Sendable, Hashable {
    public var key: String
    public var title: String
    public var url: String?

    public init(key: String, title: String, url: String?) {
        self.key = key
        self.title = title
        self.url = url
    }

    /// What a reply lists for this source: its URL, or its title when it has none.
    public var citation: String {
        url ?? title
    }
}
