/// A place where the article introduced a bulleted list that was lost when it was scraped.
public struct ListGap: Sendable, Hashable {
    /// How the parser recognised the gap.
    public enum Kind: String, Sendable, Hashable {
        /// The sentence ends in a colon but prose or a heading follows, not a list.
        case colonWithoutList
        /// The sentence announces a list ("these are ...") and the section ends straight after it.
        case announcedAtSectionEnd
    }

    /// The sentence that introduced the missing list.
    public var lead: Sentence
    public var kind: Kind

    public init(lead: Sentence, kind: Kind) {
        self.lead = lead
        self.kind = kind
    }
}
