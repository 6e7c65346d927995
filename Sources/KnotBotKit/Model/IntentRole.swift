/// A part an intent plays in the dialogue, declared in its file (`role: more`), so that no Swift code
/// names an intent by its id and adding an intent is adding a file.
public enum IntentRole: String, Sendable, Hashable, CaseIterable {
    /// Lists what the bot can answer; also offered after repeated misunderstandings.
    case help
    /// "Tell me more": the next page of the current topic.
    case more
    /// Ends the session; its reply is the goodbye said at the end of any chat.
    case goodbye
    /// Declines what is outside the article (understood: false); `eval` labels a declined reply with
    /// its topic.
    case outOfScope = "out-of-scope"
    /// Says the article does not cover a question about back pain.
    case notCovered = "not-covered"
}
