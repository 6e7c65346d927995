/// How strictly replay compares a reply with the recorded one.
public enum ReplayMatch: String, Sendable, CaseIterable {
    /// Intent, urgent, understood, answer text, sources and the dialogue's phase and topic.
    case all
    /// Only intent, urgent and understood: wording changes do not fail.
    case intent
}
