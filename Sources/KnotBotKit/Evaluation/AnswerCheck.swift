import Foundation

/// What an answer labelled with a topic must hold for `knotbot eval` to count it right, declared in
/// the intent file's `eval:` block so that a new topic is scored without touching Swift.
public struct AnswerCheck: Sendable, Hashable {
    /// Words or word starts ("inflam") of which the answer holds at least `atLeast`, lower-cased.
    public var any: [String]
    public var atLeast: Int
    /// Words the answer holds every one of.
    public var all: [String]
    /// The longest answer that passes, in characters (small talk stays short).
    public var maxLength: Int?
    /// The reply must be declined (understood: false).
    public var declined: Bool
    /// A declined reply passes too, whatever it says (not covered may be said either way).
    public var declinedPasses: Bool
    /// The answer must differ from the one before it ("tell me more").
    public var fresh: Bool

    public init(
        any: [String] = [], atLeast: Int = 1, all: [String] = [], maxLength: Int? = nil, declined: Bool = false,
        declinedPasses: Bool = false, fresh: Bool = false
    ) {
        self.any = any
        self.atLeast = atLeast
        self.all = all
        self.maxLength = maxLength
        self.declined = declined
        self.declinedPasses = declinedPasses
        self.fresh = fresh
    }

    /// nil when `reply` passes, else why not.
    ///
    /// `quotesKnowledge`: the topic answers from the article, so the reply must also be understood,
    /// sourced and within the composer's length.
    public func problem(_ reply: Reply, previousAnswer: String?, quotesKnowledge: Bool) -> String? {
        if declined { return reply.understood ? "claimed to understand" : nil }
        if declinedPasses && !reply.understood { return nil }
        if !reply.understood { return "not understood" }
        let low = reply.answer.lowercased()
        if quotesKnowledge {
            if reply.answer.count > AnswerComposer.maximumLength {
                return "answer too long (\(reply.answer.count) chars)"
            }
            if reply.sources.isEmpty { return "no sources" }
        }
        if let maxLength, reply.answer.count > maxLength { return "answer over \(maxLength) characters" }
        if !all.isEmpty, !all.allSatisfy({ low.contains($0) }) { return "missing all of \(all)" }
        if !any.isEmpty, any.filter({ low.contains($0) }).count < atLeast {
            return atLeast == 1 ? "missing any of \(any)" : "fewer than \(atLeast) of \(any)"
        }
        if fresh, reply.answer.trimmingCharacters(in: .whitespaces).isEmpty || reply.answer == previousAnswer {
            return "repeated or empty"
        }
        return nil
    }
}
