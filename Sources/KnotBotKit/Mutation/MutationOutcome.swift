/// What became of one mutation: which test noticed it, if any.
public struct MutationOutcome: Sendable, Hashable, Encodable {
    public var mutation: Mutation
    /// The first test that failed with the mutation in place ("transcripts/03-x.jsonl turn 2:
    /// urgent", "red-flags.yaml:712: example of cauda-equina"); nil when nothing noticed it.
    public var noticedBy: String?
    /// Whether the tests were run at all: a mutation whose words no test input holds cannot change
    /// any reply a test makes, so it is not noticed without running them.
    public var ran: Bool
    /// Whether the data, without the dropped part, still does what that part was written for.
    ///
    /// A concept word whose concept still matches the word's own text without it ("numbness"
    /// beside "numb*") is redundant, not unguarded; so is an example or keyword whose own text the
    /// bot still answers as before without it (same intent, understood, urgent and options). Only a
    /// mutation no test noticed is judged. Such mutations are reported apart and left out of the
    /// score, as mutation testing does with equivalent mutants.
    public var redundant: Bool

    public var noticed: Bool { noticedBy != nil }

    public init(mutation: Mutation, noticedBy: String?, ran: Bool, redundant: Bool = false) {
        self.mutation = mutation
        self.noticedBy = noticedBy
        self.ran = ran
        self.redundant = redundant
    }
}
