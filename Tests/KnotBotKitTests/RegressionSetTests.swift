import Foundation
import Testing

@testable import KnotBotKit

/// Scores replies the way the shared evaluation does, on the labelled set kept in Fixtures.
struct RegressionScorer {
    static let any: [String: [String]] = [
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
    static let all: [String: [String]] = ["types": ["active", "latent"]]
    static let notCovered = try! NSRegularExpression(
        pattern:
            "(doesn't|does not|isn't|is not|not) (cover|discuss|mention|say|address|go into)|outside what|can't advise|cannot advise|not able to advise",
        options: .caseInsensitive)

    /// nil when the reply is right for the topic, else why not.
    static func check(_ topic: String, _ reply: Reply, previous: String?) -> String? {
        let low = reply.answer.lowercased()
        if topic == "red_flag" { return reply.urgent ? nil : "not marked urgent" }
        if reply.urgent { return "marked urgent" }
        if any[topic] != nil || all[topic] != nil {
            if !reply.understood { return "not understood" }
            if reply.answer.count > 900 { return "too long" }
            if reply.sources.isEmpty { return "no sources" }
            if let words = all[topic], !words.allSatisfy({ low.contains($0) }) { return "missing all of \(words)" }
            if let words = any[topic], !words.contains(where: { low.contains($0) }) { return "missing any of \(words)" }
            return nil
        }
        switch topic {
        case "greeting", "thanks", "goodbye":
            return reply.understood && reply.answer.count <= 400 ? nil : "small talk wrong"
        case "help":
            let hits = ["cause", "release", "prevent", "feel", "knot"].filter { low.contains($0) }.count
            return reply.understood && hits >= 2 ? nil : "help does not list topics"
        case "not_covered":
            let range = NSRange(reply.answer.startIndex..., in: reply.answer)
            return !reply.understood || notCovered.firstMatch(in: reply.answer, range: range) != nil
                ? nil : "answered as if covered"
        case "out_of_scope":
            return reply.understood ? "claimed to understand" : nil
        case "more":
            return reply.understood && !reply.answer.isEmpty && reply.answer != previous ? nil : "repeated or empty"
        default:
            return "unknown topic \(topic)"
        }
    }

    struct Item: Decodable {
        var q: String
        var topic: String
    }

    struct Dialogue: Decodable {
        var turns: [Item]
    }
}

@Suite("Labelled regression set")
struct RegressionSetTests {
    @Test("single questions: >= 90% right, every red flag caught, <= 2% false urgent, >= 90% out-of-scope declined")
    func singleQuestions() throws {
        let lines = try String(
            contentsOf: Fixtures.fixtures.appendingPathComponent("regression-single.jsonl"), encoding: .utf8
        ).split(separator: "\n")
        var right = 0
        var redFlags = (caught: 0, total: 0)
        var outOfScope = (declined: 0, total: 0)
        var falseUrgent = 0
        var failures: [String] = []
        for line in lines {
            let item = try JSONDecoder().decode(RegressionScorer.Item.self, from: Data(line.utf8))
            let reply = Fixtures.ask(item.q)
            let problem = RegressionScorer.check(item.topic, reply, previous: nil)
            if problem == nil { right += 1 } else { failures.append("\(item.topic) | \(item.q) | \(problem!)") }
            if item.topic == "red_flag" {
                redFlags.total += 1
                if reply.urgent { redFlags.caught += 1 }
            } else if reply.urgent {
                falseUrgent += 1
            }
            if item.topic == "out_of_scope" {
                outOfScope.total += 1
                if !reply.understood { outOfScope.declined += 1 }
            }
        }
        let nonFlags = lines.count - redFlags.total
        #expect(Double(right) / Double(lines.count) >= 0.90, "\(failures.joined(separator: "\n"))")
        #expect(redFlags.caught == redFlags.total, "\(failures.joined(separator: "\n"))")
        #expect(Double(falseUrgent) / Double(nonFlags) <= 0.02)
        #expect(Double(outOfScope.declined) / Double(outOfScope.total) >= 0.90)
    }
}

@Suite("Conversations")
struct ConversationSetTests {
    @Test(
        "labelled conversations, the shared set and our own: >= 90% of turns right, every red flag caught",
        arguments: ["regression-dialogues.jsonl", "own-dialogues.jsonl"])
    func conversations(file: String) throws {
        let lines = try String(contentsOf: Fixtures.fixtures.appendingPathComponent(file), encoding: .utf8)
            .split(separator: "\n")
        var right = 0
        var total = 0
        var failures: [String] = []
        for line in lines {
            let dialogue = try JSONDecoder().decode(RegressionScorer.Dialogue.self, from: Data(line.utf8))
            var session = ChatSession(assistant: Fixtures.assistant, renderer: PlainReplyRenderer())
            var previous: String?
            for turn in dialogue.turns {
                let answered = session.turn(turn.q)
                let reply = try #require(answered)
                total += 1
                if let problem = RegressionScorer.check(turn.topic, reply, previous: previous) {
                    failures.append("\(turn.topic) | \(turn.q) | \(problem)")
                    #expect(turn.topic != "red_flag", "missed red flag: \(turn.q)")
                } else {
                    right += 1
                }
                previous = reply.answer
            }
        }
        #expect(Double(right) / Double(total) >= 0.90, "\(right)/\(total)\n\(failures.joined(separator: "\n"))")
    }
}
