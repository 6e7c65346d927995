/// How strictly replay compares a reply with the recorded one.
public enum ReplayMatch: String, Sendable, CaseIterable {
    /// What the bot did: intent, urgent, understood, the sources and facts it used, and the whole
    /// dialogue state after the turn; the wording of a reply and the confidence may change.
    ///
    /// The default: a retrain that moves a confidence in the third decimal, or a reworded fallback,
    /// is not a regression, while an answer built from other facts is.
    case behaviour
    /// Only intent, urgent and understood.
    case intent
    /// Everything recorded: what `behaviour` compares, the answer's wording and the confidence to
    /// three decimals.
    case exact
}
