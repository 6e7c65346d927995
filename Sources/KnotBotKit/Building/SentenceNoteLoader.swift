import Yams

/// Loads `article-facts.yaml`: what each article sentence answers (the intents it serves, its aspects).
///
/// Every sentence, the byline included, must be listed exactly once, each by how it begins, so an
/// edit to the article cannot leave a sentence that no question reaches.
public enum SentenceNoteLoader {
    public static func load(_ file: DataFile, article: Article) throws(KnotBotError) -> [Int: FactNote] {
        var reader = YAMLReader(path: file.path)
        var notes: [Int: FactNote] = [:]
        if let root = reader.root(of: file.text),
            let top = reader.mapping(
                root, what: "the article facts", allowed: ["sentences", "leans-on-previous"], required: ["sentences"]),
            let items = top["sentences"].flatMap({ reader.list($0, what: "sentences") })
        {
            let openers = Set(
                top["leans-on-previous"].flatMap { reader.textList($0, what: "leans-on-previous") }?
                    .map { $0.value.lowercased() } ?? [])
            for item in items {
                guard
                    let fields = reader.mapping(
                        item, what: "a sentence", allowed: SupplementLoader.noteKeys.union(["begins", "unused"]),
                        required: ["begins"]),
                    let begins = fields["begins"].flatMap({ reader.text($0, what: "begins") })
                else { continue }
                let matches = article.sentences(beginningWith: begins.value)
                guard matches.count == 1, let sentence = matches.first else {
                    reader.error(
                        matches.isEmpty
                            ? "no article sentence begins with \"\(begins.value)\""
                            : "\(matches.count) article sentences begin with \"\(begins.value)\"; give more of it",
                        line: begins.line)
                    continue
                }
                if notes[sentence.line] != nil {
                    reader.error(
                        "the sentence on article line \(sentence.line) is listed twice", line: begins.line)
                }
                var note = SupplementLoader.readNote(
                    fields, what: "the sentence beginning \"\(begins.value)\"", line: begins.line ?? 0,
                    reader: &reader)
                note.unused = fields["unused"].flatMap { reader.text($0, what: "unused") }?.value
                if (note.unused == nil) == (fields["serves"] == nil) {
                    reader.error(
                        "a sentence has either 'serves' (what it answers) or 'unused' (why nothing may quote it)",
                        line: begins.line)
                }
                let opener = sentence.text.split(separator: " ").first.map { $0.lowercased() } ?? ""
                note.leansOnPrevious = openers.contains(opener)
                notes[sentence.line] = note
            }
            for sentence in [article.byline] + article.sentences where notes[sentence.line] == nil {
                reader.error(
                    "article line \(sentence.line) is not listed; add it: - begins: \"\(sentence.text.prefix(40))\"",
                    line: nil)
            }
        }
        if reader.hasErrors {
            throw .invalidData(reader.diagnostics.filter { $0.severity == .error })
        }
        return notes
    }
}
