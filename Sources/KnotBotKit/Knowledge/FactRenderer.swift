/// Turns facts into an answer's text and sources, marking article words as quotes and supplement
/// facts as coming from elsewhere.
///
/// Article sentences that follow one another in the article share one quotation; sentences from
/// different places are separate quotes. Supplement facts in a row share one plain marker, so no
/// supplemented sentence reads as the article's and none is marked twice in a row.
public enum FactRenderer {
    public static func render(_ facts: [Fact], author: String) -> AnswerPage {
        var paragraphs: [String] = []
        var sources: [String] = []
        var quoted: [Fact] = []
        var quotations = 0
        var factRuns = 0
        // Whether the last paragraph is supplement facts, and whether they are the article's own sources'.
        var lastRun: Bool?
        func flushQuote() {
            guard !quoted.isEmpty else { return }
            paragraphs.append(quotation(quoted, first: quotations == 0))
            quotations += 1
            quoted = []
        }
        for fact in facts {
            for source in fact.sources where !sources.contains(source) { sources.append(source) }
            switch fact.origin {
            case .byline:
                flushQuote()
                paragraphs.append("The article was written by \(author) (its byline reads \"\(fact.text)\").")
                lastRun = nil
            case .article(let section, let line):
                if let previous = quoted.last, case .article(let lastSection, let lastLine) = previous.origin,
                    lastSection != section || lastLine + 1 != line
                {
                    flushQuote()
                }
                quoted.append(fact)
                lastRun = nil
            case .supplement(let cited):
                if quoted.isEmpty, lastRun == cited, let last = paragraphs.popLast() {
                    paragraphs.append(last + " " + fact.text)
                } else {
                    flushQuote()
                    let from = factRuns == 0 ? "From" : "Also from"
                    let marker =
                        cited
                        ? "\(from) the article's own sources, not its words:"
                        : "\(from) other sources, not the article:"
                    paragraphs.append(marker + " " + fact.text)
                    factRuns += 1
                }
                lastRun = cited
            }
        }
        flushQuote()
        return AnswerPage(text: paragraphs.joinedInPlace(separator: "\n\n"), sources: sources)
    }

    private static func quotation(_ facts: [Fact], first: Bool) -> String {
        var body = facts.map(\.text).joinedInPlace(separator: " ")
        let items = facts.flatMap(\.listItems)
        if !items.isEmpty {
            body += "\n" + items.map { "  - \($0)" }.joinedInPlace(separator: "\n")
        } else if body.hasSuffix(":") {
            // A lead whose list was lost ("such as:") would end the quote on nothing: the elision
            // is marked instead.
            body = String(body.dropLast()).trimmingCharacters(in: .whitespaces) + " ..."
        }
        return (first ? "The article says: \"" : "It also says: \"") + body + "\""
    }
}
