/// One sourced fact, in the project's own words, that fills part of a list the article lost or
/// answers what people ask first.
public struct SupplementFact: Sendable, Hashable {
    public var id: String
    public var text: String
    public var sources: [SupplementSource]
    /// The article sentence whose list this fact helps to fill; nil for facts beyond the gaps.
    public var gapLead: String?
    /// What it answers, by name, checked against the intents and aspects when the model is compiled.
    public var note: FactNote

    public init(
        id: String, text: String, sources: [SupplementSource], gapLead: String?, note: FactNote = FactNote()
    ) {
        self.id = id
        self.text = text
        self.sources = sources
        self.gapLead = gapLead
        self.note = note
    }
}
