import Foundation

/// Whether a reply is right for a labelled topic, judged by content the way the shared evaluation
/// judges it: a content answer must be understood, sourced, short enough and carry the topic's key
/// facts; small talk must be short; not-covered must say so; out-of-scope must be declined.
public enum EvaluationRubric {
    /// Words of which an answer on the topic must contain at least one.
    static let anyOf: [String: [String]] = [
        "definition": ["trigger point"],
        "cause_back_pain": ["inflam", "irritat"],
        "referred_pain": ["unrelated", "spread", "referred", "other areas", "elsewhere"],
        "spine_vs_muscle": ["structural", "spine"],
        "feel": ["bump", "tender", "lump", "sore", "knot"],
        "pain_quality": ["dull"],
        "causes": [
            "posture", "stress", "overuse", "dehydrat", "inactiv", "sitting", "injur", "repetitive", "sedentary",
        ],
        "release_methods": [
            "massage", "stretch", "foam roll", "heat", "tennis ball", "trigger point therapy", "physio",
        ],
        "release_effects": ["relief", "tension", "blood flow", "circulation", "relax"],
        "prevention": ["posture", "exercise", "hydrat", "stretch", "break", "active", "sleep", "stress", "lifestyle"],
        "summary": ["lower back pain", "major cause"],
        "sources": ["painscience", "healthline", "vivehealth"],
        "author": ["daniel"],
    ]
    /// Words an answer on the topic must all contain.
    static let allOf: [String: [String]] = ["types": ["active", "latent"]]
    static let smallTalk: Set<String> = ["greeting", "thanks", "goodbye"]
    static let notCovered = try? NSRegularExpression(
        pattern: "(doesn't|does not|isn't|is not|not) (cover|discuss|mention|say|address|go into)"
            + "|outside what|can't advise|cannot advise|not able to advise",
        options: .caseInsensitive)

    /// The topics whose answers quote the knowledge.
    public static var contentTopics: Set<String> { Set(anyOf.keys).union(allOf.keys) }

    /// nil when the reply is right for the topic, else why not.
    public static func problem(topic: String, reply: Reply, previousAnswer: String?) -> String? {
        let low = reply.answer.lowercased()
        if topic == "red_flag" { return reply.urgent ? nil : "not marked urgent" }
        if reply.urgent { return "marked urgent" }
        if contentTopics.contains(topic) {
            if !reply.understood { return "not understood" }
            if reply.answer.count > AnswerComposer.maximumLength {
                return "answer too long (\(reply.answer.count) chars)"
            }
            if reply.sources.isEmpty { return "no sources" }
            if let words = allOf[topic], !words.allSatisfy({ low.contains($0) }) { return "missing all of \(words)" }
            if let words = anyOf[topic], !words.contains(where: { low.contains($0) }) {
                return "missing any of \(words)"
            }
            return nil
        }
        switch topic {
        case _ where smallTalk.contains(topic):
            if !reply.understood { return "not understood" }
            return reply.answer.count <= 400 ? nil : "small talk too long"
        case "help":
            let hits = ["cause", "release", "prevent", "feel", "knot"].filter { low.contains($0) }.count
            return reply.understood && hits >= 2 ? nil : "help does not list topics"
        case "not_covered":
            let range = NSRange(reply.answer.startIndex..., in: reply.answer)
            let says = notCovered?.firstMatch(in: reply.answer, range: range) != nil
            return !reply.understood || says ? nil : "answered as if covered"
        case "out_of_scope":
            return reply.understood ? "claimed to understand" : nil
        case "more":
            if !reply.understood { return "not understood" }
            return !reply.answer.trimmingCharacters(in: .whitespaces).isEmpty && reply.answer != previousAnswer
                ? nil : "repeated or empty"
        default:
            return "unknown topic \(topic)"
        }
    }
}
