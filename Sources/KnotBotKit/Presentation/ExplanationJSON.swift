/// Why a reply was chosen, as the `explanation` object of `--json --explain`.
///
/// The same facts as `/why` and `--explain` print, in keys a script can read: snake_case, weights and
/// confidences as numbers rounded to three places.
struct ExplanationJSON: Encodable {
    struct Ranked: Encodable {
        let intent: String
        let confidence: Double
    }

    struct Matched: Encodable {
        let text: String
        let weight: Double
    }

    struct Repair: Encodable {
        let typed: String
        let repaired: String
    }

    struct Flag: Encodable {
        let flag: String
        let tier: String
        let about: String
        let words: [String]
    }

    let intent: String?
    let ranking: [Ranked]
    let rule: String
    let ruleSummary: String
    let matched: [Matched]
    let askedAbout: [String]
    let remembered: [String]
    let repairs: [Repair]
    let redFlags: [Flag]
    let notRaised: [Flag]

    enum CodingKeys: String, CodingKey {
        case intent, ranking, rule, matched, remembered, repairs
        case ruleSummary = "rule_summary"
        case askedAbout = "asked_about"
        case redFlags = "red_flags"
        case notRaised = "not_raised"
    }

    init(_ explanation: Explanation) {
        let rounded = { (value: Double) in (value * 1000).rounded() / 1000 }
        intent = explanation.intent
        ranking = explanation.ranking.map { Ranked(intent: $0.intent, confidence: rounded($0.confidence)) }
        rule = explanation.rule.rawValue
        ruleSummary = explanation.rule.summary
        matched = explanation.evidence.map { Matched(text: $0.text, weight: rounded($0.weight)) }
        askedAbout = explanation.aspects
        remembered = explanation.context
        repairs = explanation.repairs.compactMap(ExplanationRenderer.repair).map {
            Repair(typed: $0.typed, repaired: $0.repaired)
        }
        let flag = { (match: RedFlagMatch) in
            Flag(
                flag: match.flag.id, tier: match.flag.tier.rawValue,
                about: ExplanationRenderer.person(match.experiencer), words: match.matchedPhrases)
        }
        redFlags = explanation.redFlags.map(flag)
        notRaised = explanation.heldBackFlags.map(flag)
    }
}
