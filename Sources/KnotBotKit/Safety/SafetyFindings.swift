/// What the safety layer made of one utterance, before any intent is weighed.
public struct SafetyFindings: Sendable, Hashable {
    /// Flags that send the person to care, most serious tier first.
    public var raised: [RedFlagMatch]
    /// Flags whose concepts were found but that belong to nobody now: family history, general questions.
    public var heldBack: [RedFlagMatch]
    /// Whether the utterance asks about treating something oneself (massage, stretching, heat).
    public var asksAboutSelfTreatment: Bool
    /// Whether the person describes back pain of their own.
    public var describesOwnBackPain: Bool
    /// Whether the utterance tells a condition a later symptom may complete (`carried` in the rules),
    /// live and not negated.
    public var carries = false

    public init(
        raised: [RedFlagMatch] = [], heldBack: [RedFlagMatch] = [], asksAboutSelfTreatment: Bool = false,
        describesOwnBackPain: Bool = false
    ) {
        self.raised = raised
        self.heldBack = heldBack
        self.asksAboutSelfTreatment = asksAboutSelfTreatment
        self.describesOwnBackPain = describesOwnBackPain
    }

    /// Nothing found.
    public static let none = SafetyFindings()
}
