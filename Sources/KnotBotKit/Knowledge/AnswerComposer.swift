/// Builds an answer page from the parts an intent file lists, checking each names a fact.
///
/// Article text is quoted as the article's. A supplement fact is introduced as coming from outside
/// the article, naming whether the article's own cited sources say it, and its URLs join the sources.
public struct AnswerComposer: Sendable {
    /// Answers longer than this are refused at build time: a terminal reply should fit on a screen.
    public static let maximumLength = 900

    public let knowledge: KnowledgeBase
    /// The facts parts resolve into, in the knowledge's order.
    public let facts: [Fact]

    public init(knowledge: KnowledgeBase, facts: [Fact]? = nil) {
        self.knowledge = knowledge
        self.facts = facts ?? knowledge.baseFacts()
    }

    /// The indices into `facts` of each part, or each part that points at nothing.
    public func resolve(
        _ parts: [Located<IntentDefinition.AnswerPart>], file: String
    ) -> Result<[Int], KnotBotError> {
        var diagnostics: [Diagnostic] = []
        var indices: [Int] = []
        for part in parts {
            switch part.value {
            case .article(let prefix):
                let matches = knowledge.article.sentences(beginningWith: prefix)
                guard matches.count == 1, let sentence = matches.first,
                    let index = facts.firstIndex(where: { $0.id == Fact.articleID(line: sentence.line) })
                else {
                    let problem =
                        matches.count > 1
                        ? "\(matches.count) article sentences begin with \"\(prefix)\"; quote more of it"
                        : "no article sentence begins with \"\(prefix)\""
                    diagnostics.append(Diagnostic(file: file, line: part.line, message: problem))
                    continue
                }
                indices.append(index)
            case .supplement(let id):
                guard let index = facts.firstIndex(where: { $0.id == id }) else {
                    diagnostics.append(
                        Diagnostic(file: file, line: part.line, message: "no supplement fact has the id '\(id)'"))
                    continue
                }
                indices.append(index)
            }
        }
        return diagnostics.isEmpty ? .success(indices) : .failure(.invalidData(diagnostics))
    }

    /// Composes one page, or reports each part that points at nothing and a page over the limit.
    public func compose(
        _ parts: [Located<IntentDefinition.AnswerPart>], file: String
    ) -> Result<AnswerPage, KnotBotError> {
        switch resolve(parts, file: file) {
        case .failure(let error):
            return .failure(error)
        case .success(let indices):
            let page = FactRenderer.render(indices.map { facts[$0] }, author: knowledge.article.author)
            guard page.text.count <= Self.maximumLength else {
                return .failure(
                    .invalidData([
                        Diagnostic(
                            file: file, line: parts.first?.line,
                            message: "this answer is \(page.text.count) characters; the limit is \(Self.maximumLength)")
                    ]))
            }
            return .success(page)
        }
    }
}
