/// Tab completion for the chat: `/commands` at the start of a line, topic words elsewhere.
public struct Completer: Sendable {
    /// What completing a word does: text to insert at the cursor, and the candidates when several fit.
    public struct Completion: Sendable, Hashable {
        public var insertion: String
        public var candidates: [String]

        public init(insertion: String, candidates: [String]) {
            self.insertion = insertion
            self.candidates = candidates
        }
    }

    public let commands: [String]
    public let words: [String]

    public init(commands: [String], words: [String]) {
        self.commands = commands.sorted()
        self.words = Array(Set(words)).sorted()
    }

    /// The completer for a model: its commands, and the words of its topics' summaries and keywords.
    public init(model: BotModel) {
        var phrases = model.intents.filter(\.isKnowledge).map(\.summary)
        let knowledgeIndices = Set(
            model.classifier.intentIDs.indices.filter {
                model.intent(model.classifier.intentIDs[$0])?.isKnowledge == true
            })
        phrases += model.classifier.keywords.filter { knowledgeIndices.contains($0.intent) }.map(\.term)
        var words: Set<String> = []
        for phrase in phrases {
            for word in TextAnalyzer.words(inNormalized: TextAnalyzer.normalize(phrase))
            where word.count >= 4 && !model.lexicon.stopwords.contains(word) {
                words.insert(word)
            }
        }
        self.init(commands: SlashCommand.allCases.map { "/" + $0.rawValue }, words: Array(words))
    }

    /// Completes the word that ends at the cursor, given the line up to the cursor.
    public func complete(beforeCursor line: String) -> Completion {
        let wordStart = line.lastIndex(where: { $0 == " " }).map { line.index(after: $0) } ?? line.startIndex
        let prefix = String(line[wordStart...])
        let isCommand = wordStart == line.startIndex && prefix.hasPrefix("/")
        guard !prefix.isEmpty else { return Completion(insertion: "", candidates: []) }
        let pool = isCommand ? commands : words
        let lowered = prefix.lowercased()
        let candidates = pool.filter { $0.hasPrefix(lowered) && $0 != lowered }
        guard let first = candidates.first else { return Completion(insertion: "", candidates: []) }
        if candidates.count == 1 {
            return Completion(insertion: String(first.dropFirst(prefix.count)) + " ", candidates: [])
        }
        var common = first
        for candidate in candidates.dropFirst() {
            while !candidate.hasPrefix(common) { common.removeLast() }
        }
        return Completion(insertion: String(common.dropFirst(prefix.count)), candidates: candidates)
    }
}
