import Foundation
import Testing

@testable import KnotBotKit

@Suite("JSON contract")
struct ReplyJSONTests {
    @Test("the line written directly is byte for byte what JSONEncoder writes")
    func directLineMatchesEncoder() throws {
        let control = (0..<0x20).map { String(UnicodeScalar(UInt8($0))) }.joined()
        let strings = [
            "", "plain", "quote \" and back\\slash / slash", control, "\u{7f} del", "é ü 中文 🙂 \u{2028}",
            "tab\there\nnew line\r\n",
        ]
        let confidences: [Double] = [0, 1, 0.5, 0.001, 0.123, 0.999, 0.1 + 0.2, 12, 0.7071]
        var replies: [Reply] = []
        for (index, text) in strings.enumerated() {
            for confidence in confidences {
                var reply = Reply(
                    answer: text, understood: index % 2 == 0, urgent: index % 3 == 0,
                    sources: index % 2 == 0 ? [] : [text, "https://example.org/a/b"],
                    intent: index % 4 == 0 ? nil : text, confidence: confidence)
                if index % 3 == 1 { reply.options = ["causes", text] }
                replies.append(reply)
            }
        }
        replies.append(Fixtures.ask("what causes muscle knots"))
        replies.append(Fixtures.ask("I can't feel my legs and I wet myself"))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        for reply in replies {
            let encoded = try encoder.encode(JSONReplyRenderer.Line(reply: reply, explanation: nil))
            let expected = try #require(String(data: encoded, encoding: .utf8)) + "\n"
            #expect(JSONReplyRenderer().render(reply) == expected)
            if reply.explanation == nil {
                // Asked for an explanation the reply does not have, the line is the same.
                #expect(JSONReplyRenderer(explains: true).render(reply) == expected)
            }
        }
    }

    @Test("one line with exactly the six contract keys, intent null when nothing answered")
    func keys() throws {
        let rendered = JSONReplyRenderer().render(Fixtures.ask("qwzx vbnm"))
        #expect(rendered.hasSuffix("\n"))
        #expect(rendered.dropLast().contains("\n") == false)
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(rendered.utf8)) as? [String: Any])
        #expect(Set(object.keys) == ["answer", "understood", "urgent", "sources", "intent", "confidence"])
        #expect(object["intent"] is NSNull)
        #expect(object["understood"] as? Bool == false)
    }

    @Test("a content answer carries its sources and a confidence between 0 and 1")
    func content() throws {
        let rendered = JSONReplyRenderer().render(Fixtures.ask("what causes muscle knots"))
        let reply = try JSONDecoder().decode(Reply.self, from: Data(rendered.utf8))
        #expect(reply.intent == "causes")
        #expect(reply.sources.contains("Article: What Causes Muscle Knots?"))
        #expect(reply.sources.contains { $0.hasPrefix("https://") })
        #expect((0...1).contains(reply.confidence))
        #expect(!rendered.contains("\\/"), "URLs are written without escaped slashes")
    }

    @Test("plain rendering lists the sources after the answer")
    func plain() {
        let text = PlainReplyRenderer().render(Fixtures.ask("who wrote the article"))
        #expect(text.contains("Daniel"))
        #expect(text.contains("\nSources:\n  - Article:"))
    }

    @Test("wrapping keeps every line within the width")
    func wrapping() {
        let text = PlainReplyRenderer(width: 40).render(Fixtures.ask("what causes muscle knots"))
        for line in text.split(separator: "\n") where !line.contains("https://") {
            #expect(line.count <= 40, "\(line)")
        }
    }
}
