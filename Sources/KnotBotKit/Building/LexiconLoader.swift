import Yams

/// Loads `lexicon.yaml`.
public enum LexiconLoader {
    /// The lexicon, and the word lists (paths, each with its line) whose words typo repair must not bend.
    public struct Loaded: Sendable {
        public var lexicon: Lexicon
        public var dictionaries: [Located<String>]
        /// Named word groups that keyword synonyms use as `@name`; needed only while compiling.
        public var concepts: [String: [String]] = [:]
    }

    public static func load(_ file: DataFile) throws(KnotBotError) -> Lexicon {
        try read(file).lexicon
    }

    public static func read(_ file: DataFile) throws(KnotBotError) -> Loaded {
        var reader = YAMLReader(path: file.path)
        var lexicon = Lexicon(rewrites: [:], stopwords: [], knownWords: [])
        var dictionaries: [Located<String>] = []
        var concepts: [String: [String]] = [:]
        if let root = reader.root(of: file.text),
            let top = reader.mapping(
                root, what: "the lexicon",
                allowed: [
                    "rewrites", "stopwords", "known-words", "follow-up-words", "reference-words", "dictionaries",
                    "openers", "concepts",
                ],
                required: ["rewrites", "stopwords"])
        {
            if let node = top["rewrites"], let entries = reader.mapping(node, what: "rewrites", allowed: nil) {
                for (word, replacement) in entries {
                    guard let text = reader.text(replacement, what: "the rewrite of '\(word)'") else { continue }
                    let key = TextAnalyzer.normalize(word)
                    if key.contains(" ") {
                        reader.error(
                            "rewrite '\(word)' must be a single word", line: YAMLReader.line(of: replacement))
                    }
                    lexicon.rewrites[key] = TextAnalyzer.normalize(text.value).split(separator: " ").map(String.init)
                }
            }
            if let node = top["stopwords"], let words = reader.textList(node, what: "stopwords") {
                lexicon.stopwords = WordSet(words.map { TextAnalyzer.normalize($0.value) })
            }
            if let node = top["known-words"], let words = reader.textList(node, what: "known-words") {
                lexicon.knownWords = WordSet(words.map { TextAnalyzer.normalize($0.value) })
            }
            if let node = top["follow-up-words"], let words = reader.textList(node, what: "follow-up-words") {
                lexicon.followUpWords = WordSet(words.map { TextAnalyzer.normalize($0.value) })
            }
            if let node = top["reference-words"], let words = reader.textList(node, what: "reference-words") {
                lexicon.referenceWords = WordSet(words.map { TextAnalyzer.normalize($0.value) })
            }
            if let node = top["openers"], let words = reader.textList(node, what: "openers") {
                lexicon.openers = WordSet(words.map { TextAnalyzer.normalize($0.value) })
            }
            if let node = top["dictionaries"], let paths = reader.textList(node, what: "dictionaries") {
                dictionaries = paths
            }
            if let node = top["concepts"], let entries = reader.mapping(node, what: "concepts", allowed: nil) {
                for (name, list) in entries {
                    guard let words = reader.textList(list, what: "concept '\(name)'") else { continue }
                    if words.contains(where: { $0.value.contains("@") }) {
                        reader.error("concept '\(name)' may not name another concept", line: YAMLReader.line(of: list))
                    }
                    concepts[name] = words.map(\.value)
                }
            }
        }
        if reader.hasErrors {
            throw .invalidData(reader.diagnostics.filter { $0.severity == .error })
        }
        return Loaded(lexicon: lexicon, dictionaries: dictionaries, concepts: concepts)
    }
}
