/// Whether a reply is right for a labelled topic, judged by content the way the shared evaluation
/// judges it, with the checks the intent files declare (`eval:`): the urgent reply's id must be
/// urgent, nothing else may be, and an answer on a topic must pass that topic's check (answers that
/// quote the knowledge must also be understood, sourced and short enough).
public enum EvaluationRubric {
    /// nil when the reply is right for the topic, else why not.
    public static func problem(topic: String, reply: Reply, previousAnswer: String?, model: BotModel) -> String? {
        if topic == model.redFlags.replyIntent { return reply.urgent ? nil : "not marked urgent" }
        if reply.urgent { return "marked urgent" }
        let intents = model.intents.filter { $0.topic == topic }
        guard !intents.isEmpty else { return "unknown topic \(topic)" }
        let check = intents.lazy.compactMap(\.check).first ?? AnswerCheck()
        return check.problem(
            reply, previousAnswer: previousAnswer, quotesKnowledge: intents.allSatisfy(\.isKnowledge))
    }
}
