import Foundation
import Testing

@testable import KnotBotKit

@Suite("Knowledge base and supplement")
struct KnowledgeTests {
    @Test("every lost list is filled by sourced supplement facts")
    func everyGapFilled() throws {
        let knowledge = Fixtures.model.knowledge
        for gap in knowledge.article.gaps {
            let facts = knowledge.facts.filter { $0.gapLead == gap.lead.text }
            #expect(!facts.isEmpty, "no fill for \(gap.lead.text)")
            for fact in facts {
                #expect(!fact.sources.isEmpty)
                #expect(fact.text.count <= 450)
            }
        }
    }

    @Test("a supplement naming a gap the article does not have is refused with its line")
    func unknownGap() throws {
        let article = try Fixtures.article()
        let yaml = """
            sources:
              HL: { title: "Healthline", url: "https://www.healthline.com/health/muscle-knots" }
            gaps:
              - id: nonsense
                lead: "This sentence is not in the article:"
                facts:
                  - { id: x, text: "y", sources: [HL] }
            """
        #expect {
            try SupplementLoader.load(DataFile(path: "s.yaml", text: yaml), article: article)
        } throws: { error in
            let text = (error as? KnotBotError)?.description ?? ""
            return text.contains("s.yaml:5: error:") && text.contains("has no gap entry")
        }
    }

    @Test("a fact citing an undefined source is refused with its line")
    func undefinedSource() throws {
        let article = try Fixtures.article()
        let text = try String(contentsOf: Fixtures.knowledge.appendingPathComponent("supplement.yaml"), encoding: .utf8)
        let broken = text.replacingOccurrences(of: "sources: [HL", with: "sources: [NOPE")
        #expect(broken != text)
        #expect {
            try SupplementLoader.load(DataFile(path: "s.yaml", text: broken), article: article)
        } throws: { error in
            (error as? KnotBotError)?.description.contains("cites 'NOPE', which is not under sources") == true
        }
    }

    @Test("supplement text is always marked as not the article's, with its URL in sources")
    func supplementMarked() {
        for intent in Fixtures.model.intents {
            for page in intent.pages {
                #expect(page.text.count <= AnswerComposer.maximumLength, "\(intent.id) too long")
                #expect(!page.sources.isEmpty, "\(intent.id) has no sources")
                let quotesArticle = page.text.contains("The article says:") || page.text.contains("written by")
                let marked = page.text.contains(", not the article:") || page.text.contains(", not its words:")
                #expect(quotesArticle || marked, "\(intent.id): \(page.text)")
                if marked {
                    #expect(page.sources.contains { $0.hasPrefix("http") || !$0.hasPrefix("Article:") })
                }
                // No quotation ends on a colon with nothing after it, and nothing points at "the above".
                #expect(!page.text.contains(":\""), "\(intent.id) quotes a dangling colon: \(page.text)")
                #expect(!page.text.lowercased().contains("the above"), "\(intent.id): \(page.text)")
            }
        }
    }
}

@Suite("Answer pages")
struct AnswerPageTests {
    @Test("every page of a topic, not only the first, carries that topic's key facts")
    func pagesStayOnTopic() {
        for intent in Fixtures.model.intents where intent.isKnowledge {
            for (number, page) in intent.pages.enumerated() {
                let reply = Reply(
                    answer: page.text, understood: true, sources: page.sources, intent: intent.id, confidence: 1)
                let problem = EvaluationRubric.problem(
                    topic: intent.topic, reply: reply, previousAnswer: nil, model: Fixtures.assistant.model)
                #expect(problem == nil, "\(intent.id) page \(number + 1): \(problem ?? "")")
            }
        }
    }
}
