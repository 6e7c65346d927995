/// One sourced fact, in the project's own words, that fills part of a list the article lost.
public struct SupplementFact: Sendable, Hashable {
    public var id: String
    public var text: String
    public var sources: [SupplementSource]
    /// The article sentence whose list this fact helps to fill.
    public var gapLead: String

    public init(id: String, text: String, sources: [SupplementSource], gapLead: String) {
        self.id = id
        self.text = text
        self.sources = sources
        self.gapLead = gapLead
    }
}
