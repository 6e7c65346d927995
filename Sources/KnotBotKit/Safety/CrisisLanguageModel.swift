/// A learned backstop for crisis talk in words the safety rules have no concept for.
///
/// A two-class linear model over stems, trained at build time on the written examples of
/// `crisis-language.yaml` (crisis talk against its look-alikes and every intent's examples). It only
/// ever raises the crisis tier, never lowers a tier the rules raised: new wordings of crisis talk
/// ("picked a date", "left a note where the papers are") reached the rules in 23% of an unseen
/// probe's posts.
public struct CrisisLanguageModel: Sendable, Hashable {
    /// The class ids the classifier is trained with.
    public static let crisisID = "crisis"
    public static let otherID = "other"

    public var classifier: IntentClassifier
    /// The crisis probability at or above which the crisis tier is raised.
    public var floor: Double

    public init(classifier: IntentClassifier, floor: Double) {
        self.classifier = classifier
        self.floor = floor
    }

    /// How likely the tokens are crisis talk, from 0 to 1: the likeliest of their sentences.
    ///
    /// Sentence by sentence, because a long story of pain piles up words that lean towards crisis
    /// talk without saying any: read whole, real posts' long stories read as crisis talk.
    public func probability(_ tokens: [Token]) -> Double {
        guard !tokens.isEmpty, let crisis = classifier.intentIDs.firstIndex(of: Self.crisisID) else { return 0 }
        var best = 0.0
        var start = 0
        for end in 1...tokens.count where end == tokens.count || tokens[end].startsSentence {
            guard start < end else { continue }
            best = max(best, classifier.probability(ofIntentAt: crisis, in: Array(tokens[start..<end])))
            start = end
        }
        return best
    }

    /// Whether the tokens read as crisis talk.
    public func isCrisis(_ tokens: [Token]) -> Bool {
        probability(tokens) >= floor
    }
}
