import Testing

@testable import KnotBotKit

@Suite("Article parser")
struct ArticleParserTests {
    @Test("reads title, author, standfirst, sections and resources")
    func structure() throws {
        let article = try Fixtures.article()
        #expect(article.title == "Are Tight Muscle Knots Causing Your Back Pain?")
        #expect(article.author == "Daniel")
        #expect(article.standfirst.hasPrefix("Muscle knots can be a major cause of persistent back pain"))
        #expect(
            article.sections.map(\.heading) == [
                "Are Tight Muscle Knots Causing Your Back Pain?",
                "Why Do Muscle Knots Cause Back Pain?",
                "What Do Muscle Knots Feel Like?",
                "What Causes Muscle Knots?",
                "How To Release Tight Muscle Knots",
                "How To Prevent Muscle Knots From Returning",
                "Rounding Up",
            ])
        #expect(
            article.resources == [
                "https://www.vivehealth.com/blogs/resources/muscle-knots",
                "https://www.painscience.com/articles/self-massage.php",
                "https://www.healthline.com/health/muscle-knots",
            ])
        #expect(article.sentences.count == 36)
    }

    @Test("finds exactly the six lost lists, and not the intact resources list")
    func sixGaps() throws {
        let gaps = try Fixtures.article().gaps
        #expect(
            gaps.map(\.lead.text) == [
                "This is because there are two types of muscle knots:",
                "There are two main reasons for this:",
                "There could be a whole host of things that are causing your muscles knots such as:",
                "Because when you release these knots two things happen:",
                "And there are a few different ways you can get these muscle knots to release such as:",
                "So it makes sense to look at ways of preventing them before they happen and these are some of the things that can help you to do just that.",
            ])
        #expect(gaps.map(\.kind) == Array(repeating: .colonWithoutList, count: 5) + [.announcedAtSectionEnd])
        #expect(
            gaps.map(\.lead.section) == [
                "Why Do Muscle Knots Cause Back Pain?", "Why Do Muscle Knots Cause Back Pain?",
                "What Causes Muscle Knots?", "How To Release Tight Muscle Knots",
                "How To Release Tight Muscle Knots", "How To Prevent Muscle Knots From Returning",
            ])
        #expect(!gaps.contains { $0.lead.text.hasPrefix("Resources") })
    }

    @Test("a colon followed by list items is an intact list, not a gap")
    func intactList() throws {
        let text = "- by Ann\nTitle Here\nSummary line.\nThings To Know\nThese matter:\n- one\n- two\nAfter.\n"
        let article = try ArticleParser.parse(DataFile(path: "a.txt", text: text))
        #expect(article.gaps.isEmpty)
        #expect(article.sentences.first { $0.text == "These matter:" }?.listItems == ["- one", "- two"])
    }

    @Test("an article without a byline is refused with its file and line")
    func missingByline() {
        #expect(throws: KnotBotError.self) {
            try ArticleParser.parse(DataFile(path: "bad.txt", text: "Title\nText.\n"))
        }
        do {
            _ = try ArticleParser.parse(DataFile(path: "bad.txt", text: "Title\nText.\n"))
        } catch {
            #expect(error.description.hasPrefix("bad.txt:1: error:"))
        }
    }
}
