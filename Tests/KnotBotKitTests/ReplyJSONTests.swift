import Foundation
import Testing

@testable import KnotBotKit

@Suite("JSON contract")
struct ReplyJSONTests {
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
