public import Foundation

/// Compiles the data files (`Intents/`, `Knowledge/`) into a `BotModel`, all or nothing.
///
/// Every problem in every file is collected before failing, so a maintainer sees them all at once.
public enum ModelCompiler {
    public static let lexiconFile = "lexicon.yaml"
    public static let redFlagsFile = "red-flags.yaml"
    public static let crisisLanguageFile = "crisis-language.yaml"
    public static let dialogueFile = "dialogue.yaml"
    public static let articleFile = "article.txt"
    public static let supplementFile = "supplement.yaml"
    public static let articleFactsFile = "article-facts.yaml"
    public static let aspectsFile = "aspects.yaml"

    /// Loads and cross-checks the article and its supplement from a knowledge folder.
    public static func loadKnowledge(folder: URL) throws(KnotBotError) -> KnowledgeBase {
        let article = try ArticleParser.parse(DataFile.read(folder.appendingPathComponent(articleFile)))
        let supplement = try DataFile.read(folder.appendingPathComponent(supplementFile))
        var knowledge = try SupplementLoader.load(supplement, article: article)
        knowledge.sentenceNotes = try SentenceNoteLoader.load(
            DataFile.read(folder.appendingPathComponent(articleFactsFile)), article: article)
        return knowledge
    }

    /// Compiles an intents folder against the knowledge.
    public static func compile(
        intentsFolder: URL, knowledge: KnowledgeBase, trainer: IntentTrainer = IntentTrainer()
    ) throws(KnotBotError) -> BotModel {
        let files = try readIntentFiles(in: intentsFolder)
        return try compile(files: files, folder: intentsFolder.path, knowledge: knowledge, trainer: trainer)
    }

    /// Reads every data file of an intents folder: its YAML files, and those of its `red-flag-checks/`.
    public static func readIntentFiles(in folder: URL) throws(KnotBotError) -> [DataFile] {
        var urls = try DataFile.yamlFiles(in: folder)
        let checks = folder.appendingPathComponent(RedFlagLoader.checksFolder)
        if FileManager.default.fileExists(atPath: checks.path) { urls += try DataFile.yamlFiles(in: checks) }
        var files: [DataFile] = []
        for url in urls { files.append(try DataFile.read(url)) }
        return files
    }

    /// Whether a data file is one of `red-flag-checks/`.
    static func isCheckFile(_ file: DataFile) -> Bool {
        URL(fileURLWithPath: file.path).deletingLastPathComponent().lastPathComponent == RedFlagLoader.checksFolder
    }

    /// Compiles already-read intent files (the lexicon and red flags among them, by name).
    public static func compile(
        files: [DataFile], folder: String, knowledge: KnowledgeBase, trainer: IntentTrainer = IntentTrainer()
    ) throws(KnotBotError) -> BotModel {
        let compilation = build(files: files, folder: folder, knowledge: knowledge, trainer: trainer)
        guard let model = compilation.model else {
            throw .invalidData(compilation.diagnostics.filter { $0.severity == .error })
        }
        return model
    }

    /// Everything a compilation found: the model when there were no errors, the definitions read,
    /// and every diagnostic, warnings included (for `knotbot intents lint`).
    struct Compilation {
        var model: BotModel?
        var definitions: [IntentDefinition]
        var diagnostics: [Diagnostic]
        var analyzer: TextAnalyzer?
        /// Each red flag's examples and near-misses, each with the file it is written in.
        var checks: [RedFlagLoader.Check] = []
    }

    /// Compiles already-read intent files, collecting every diagnostic instead of stopping at the first.
    ///
    /// `readDictionary` reads a word list the lexicon names (tests give their own).
    static func build(
        files: [DataFile], folder: String, knowledge: KnowledgeBase, trainer: IntentTrainer,
        readDictionary: (String) throws(KnotBotError) -> DataFile = { path throws(KnotBotError) in
            try DataFile.read(URL(fileURLWithPath: path))
        }
    ) -> Compilation {
        var diagnostics: [Diagnostic] = []
        let checkFiles = files.filter(isCheckFile)
        let files = files.filter { !isCheckFile($0) }
        func named(_ name: String) -> DataFile? {
            let file = files.first { URL(fileURLWithPath: $0.path).lastPathComponent == name }
            if file == nil {
                diagnostics.append(Diagnostic(file: folder, line: nil, message: "the intents folder has no \(name)"))
            }
            return file
        }
        func collect<T>(_ body: () throws(KnotBotError) -> T) -> T? {
            do {
                return try body()
            } catch .invalidData(let found) {
                diagnostics.append(contentsOf: found)
            } catch {
                diagnostics.append(Diagnostic(file: folder, line: nil, message: error.description))
            }
            return nil
        }
        let stemmer = Stemmer()
        let lexiconDataFile = named(lexiconFile)
        let loadedLexicon = lexiconDataFile.flatMap { file in
            collect { () throws(KnotBotError) in try LexiconLoader.read(file) }
        }
        var lexicon = loadedLexicon?.lexicon
        if let known = lexicon?.knownWords.words { lexicon?.knownStems = WordSet(known.map { stemmer.stem($0) }) }
        let analyzer = TextAnalyzer(
            lexicon: lexicon ?? Lexicon(rewrites: [:], stopwords: [], knownWords: []), stemmer: stemmer)
        let dialogue = named(dialogueFile).flatMap { file in
            collect { () throws(KnotBotError) in try DialogueSettingsLoader.load(file, analyzer: analyzer) }
        }
        let aspectsDataFile = named(aspectsFile)
        let loadedAspects = aspectsDataFile.flatMap { file in
            collect { () throws(KnotBotError) in try AspectLoader.load(file, analyzer: analyzer) }
        }
        let aspects = loadedAspects?.aspects
        let redFlagsDataFile = named(redFlagsFile)
        let loadedFlags = redFlagsDataFile.flatMap { file in
            collect { () throws(KnotBotError) in try RedFlagLoader.read(file, analyzer: analyzer) }
        }
        let redFlags = loadedFlags?.rules
        var checks = loadedFlags?.checks ?? []
        if let redFlags {
            let ids = Set(redFlags.flags.map(\.id))
            for file in checkFiles {
                checks += collect { () throws(KnotBotError) in try RedFlagLoader.readChecks(file, flags: ids) } ?? []
            }
        }
        let crisisLanguage = named(crisisLanguageFile).flatMap { file in
            collect { () throws(KnotBotError) in try CrisisLanguageLoader.load(file) }
        }

        var definitions: [IntentDefinition] = []
        let intentFiles = files.filter {
            let name = URL(fileURLWithPath: $0.path).lastPathComponent
            return name != lexiconFile && name != redFlagsFile && name != dialogueFile && name != aspectsFile
                && name != crisisLanguageFile
        }
        for file in intentFiles {
            if let definition = IntentLoader.read(file, diagnostics: &diagnostics) {
                definitions.append(definition)
            }
        }
        if intentFiles.isEmpty {
            diagnostics.append(Diagnostic(file: folder, line: nil, message: "the intents folder has no intent files"))
        }
        // "@place" in a keyword stands for every word of the lexicon's concept of that name.
        let expansion = KeywordConcepts.expanding(definitions, concepts: loadedLexicon?.concepts ?? [:])
        definitions = expansion.0
        diagnostics += expansion.1
        var facts = knowledge.baseFacts()
        if let aspects, let aspectsDataFile {
            let compiled = FactCompiler.compile(
                knowledge: knowledge, aspects: aspects, aspectsFile: aspectsDataFile.path, definitions: definitions)
            facts = compiled.facts
            diagnostics += compiled.diagnostics
        }
        let composer = AnswerComposer(knowledge: knowledge, facts: facts)
        var citedSources: [String: SupplementSource] = [:]
        for fact in knowledge.facts { for source in fact.sources { citedSources[source.key] = source } }
        var intents: [CompiledIntent] = []
        for definition in definitions {
            var pages: [AnswerPage] = []
            var pageFacts: [[Int]] = []
            var reply: String?
            switch definition.response {
            case .knowledge(let parts):
                for page in parts {
                    switch composer.compose(page, file: definition.file) {
                    case .success(let composed):
                        pages.append(composed)
                        if case .success(let indices) = composer.resolve(page, file: definition.file) {
                            pageFacts.append(indices)
                        }
                    case .failure(.invalidData(let found)): diagnostics.append(contentsOf: found)
                    case .failure: break
                    }
                }
            case .reply(let text):
                reply = text
            }
            let scope = facts.indices.filter { facts[$0].serves.contains(definition.id) }
            var compiled = CompiledIntent(
                id: definition.id, topic: definition.topic, summary: definition.summary,
                understood: definition.understood, endsSession: definition.endsSession,
                selfCare: definition.selfCare, pages: pages, reply: reply, role: definition.role,
                check: definition.check, pageFacts: pageFacts, scope: scope)
            compiled.action = definition.action
            for source in definition.sources {
                if let known = citedSources[source.value] {
                    compiled.replySources.append(known.citation)
                } else {
                    diagnostics.append(
                        Diagnostic(
                            file: definition.file, line: source.line,
                            message: "'\(source.value)' is not a source any supplement fact cites"))
                }
            }
            intents.append(compiled)
        }
        if !intentFiles.isEmpty { diagnostics += checkRoles(definitions, folder: folder) }
        guard var lexicon, let redFlags, let dialogue, let aspects,
            !diagnostics.contains(where: { $0.severity == .error })
        else {
            return Compilation(model: nil, definitions: definitions, diagnostics: diagnostics, analyzer: nil)
        }

        // Examples go through typo repair too, so a misspelling written into an example trains the
        // same stem as the word it stands for.
        let (vocabulary, targets) = words(
            of: definitions, redFlags: redFlags, aspectWords: loadedAspects?.words ?? [], analyzer: analyzer)
        if let loadedLexicon, let lexiconDataFile, !loadedLexicon.dictionaries.isEmpty {
            var texts: [String] = []
            for path in loadedLexicon.dictionaries {
                do throws(KnotBotError) {
                    texts.append(try readDictionary(path.value).text)
                } catch {
                    diagnostics.append(
                        Diagnostic(
                            file: lexiconDataFile.path, line: path.line,
                            message:
                                "dictionary \(error.description); install Debian's wbritish and wamerican (scripts/install-deps does)"
                        ))
                }
            }
            if diagnostics.contains(where: { $0.severity == .error }) {
                return Compilation(model: nil, definitions: definitions, diagnostics: diagnostics, analyzer: nil)
            }
            let protected = DictionaryGuard.protectedWords(
                in: texts, corrector: TypoCorrector(targets: targets), vocabulary: vocabulary, lexicon: lexicon,
                stemmer: stemmer)
            lexicon.knownWords = WordSet(Array(lexicon.knownWords) + protected)
        }
        let repairing = TextAnalyzer(
            lexicon: lexicon, stemmer: stemmer, vocabulary: vocabulary, corrector: TypoCorrector(targets: targets))
        diagnostics += check(checks, rules: redFlags, analyzer: repairing)
        if diagnostics.contains(where: { $0.severity == .error }) {
            return Compilation(model: nil, definitions: definitions, diagnostics: diagnostics, analyzer: nil)
        }
        let classifier = trainer.train(definitions, analyzer: repairing)
        var model = BotModel(
            knowledge: knowledge, lexicon: lexicon, redFlags: redFlags, dialogue: dialogue, intents: intents,
            classifier: classifier, vocabulary: vocabulary, typoTargets: targets,
            fingerprint: fingerprint(files: files, knowledge: knowledge), aspects: aspects, facts: facts)
        if let crisisLanguage {
            // The look-alikes are the file's own plus every question the intents are taught: what
            // the bot is asked every day must not read as crisis talk.
            let other = crisisLanguage.other.map(\.value) + definitions.flatMap { $0.examples.map(\.value) }
            // The crisis examples are repeated until the two sides weigh about the same, so the ten
            // times more everyday questions do not set the model's prior against crisis talk.
            let crisis = crisisLanguage.crisis.map(\.value)
            let repeats = max(1, other.count / max(crisis.count, 1))
            model.crisisLanguage = CrisisLanguageModel(
                classifier: trainer.train(
                    texts: [Array(Array(repeating: crisis, count: repeats).joined()), other],
                    ids: [CrisisLanguageModel.crisisID, CrisisLanguageModel.otherID], analyzer: repairing),
                floor: crisisLanguage.floor)
        }
        return Compilation(
            model: model, definitions: definitions, diagnostics: diagnostics, analyzer: repairing,
            checks: checks)
    }

    /// The vocabulary, and the domain terms typo repair may produce.
    ///
    /// Domain terms are keyword, synonym and red-flag words, plus words used in three or more
    /// examples. The vocabulary (never repaired) is the domain terms and every example word that is
    /// not within repair distance of one: "mussle" in an example is a misspelling to repair, not a word.
    static func words(
        of definitions: [IntentDefinition], redFlags: RedFlagRules, aspectWords: [String] = [],
        analyzer: TextAnalyzer
    ) -> (WordSet, PackedStrings) {
        var counts: [String: Int] = [:]
        // Aspect words are domain words like keywords: "myth" must not be repaired into "math".
        var domain = Set(aspectWords)
        for definition in definitions {
            for example in definition.examples {
                for word in Set(analyzer.rewrittenWords(example.value)) { counts[word, default: 0] += 1 }
            }
            for keyword in definition.keywords {
                for phrase in [keyword.term] + keyword.synonyms {
                    domain.formUnion(analyzer.rewrittenWords(phrase))
                }
            }
        }
        // Safety words are protected from repair ("lungs" must not become "lunges"). Those of five
        // letters or more are repair targets too, after every domain word, so a warning sign typed
        // with a slip ("temperautre", "hcest pain") is still heard; shorter ones are not: "pred" must
        // not become "peed".
        var safetyWords: Set<String> = []
        for concept in redFlags.concepts {
            for pattern in concept.patterns {
                let words = pattern.text.split(separator: " ").filter { word in
                    !word.hasPrefix("@") && !word.hasPrefix("!") && !word.hasSuffix("*") && !word.hasPrefix("...")
                        && word != "$"
                }
                safetyWords.formUnion(analyzer.rewrittenWords(words.joined(separator: " ")))
            }
        }
        // Frequent example words join the domain, most frequent first, unless they are a misspelling
        // of a word already in it.
        var seeds = TypoCorrector(targets: Array(domain))
        for (word, count) in counts.sorted(by: { ($0.value, $1.key) > ($1.value, $0.key) }) where count >= 3 {
            if domain.contains(word) { continue }
            if analyzer.lexicon.knownWords.contains(word)
                || analyzer.lexicon.knownStems.contains(analyzer.stemmer.stem(word)) || seeds.repair(word) == nil
            {
                domain.insert(word)
                seeds = TypoCorrector(targets: Array(domain))
            }
        }
        let targets = domain.filter { word in
            word.count >= 4 && word.unicodeScalars.allSatisfy { $0.properties.isAlphabetic }
                && !analyzer.lexicon.stopwords.contains(word)
        }
        .sorted { (counts[$0, default: 0], $1) > (counts[$1, default: 0], $0) }
        let safetyTargets = safetyWords.subtracting(domain).filter { word in
            word.count >= 5 && word.unicodeScalars.allSatisfy { $0.properties.isAlphabetic }
                && !analyzer.lexicon.stopwords.contains(word)
        }
        .sorted()
        let corrector = TypoCorrector(targets: targets + safetyTargets)
        let lexicon = analyzer.lexicon
        let vocabulary = WordSet(domain.union(safetyWords)).union(
            counts.keys.filter { word in
                lexicon.knownWords.contains(word) || lexicon.knownStems.contains(analyzer.stemmer.stem(word))
                    || lexicon.stopwords.contains(word) || corrector.repair(word) == nil
            })
        return (vocabulary, PackedStrings(targets + safetyTargets))
    }

    /// Every flag's examples must raise it (about someone else, where they say so), and its
    /// near-misses must raise nothing, as a person would type them (typo repair included).
    static func check(_ checks: [RedFlagLoader.Check], rules: RedFlagRules, analyzer: TextAnalyzer) -> [Diagnostic] {
        let detector = RedFlagDetector(rules: rules)
        return checks.compactMap { check in
            check.failure(detector.assess(analyzer.analyze(check.text.value)).raised).map { failure in
                Diagnostic(file: check.file, line: check.text.line, message: "\(failure): \"\(check.text.value)\"")
            }
        }
    }

    /// FNV-1a over the data files and the knowledge, in a fixed order.
    static func fingerprint(files: [DataFile], knowledge: KnowledgeBase) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        func mix(_ text: String) {
            for byte in text.utf8 {
                hash ^= UInt64(byte)
                hash = hash &* 0x100_0000_01b3
            }
            hash ^= 0xff
            hash = hash &* 0x100_0000_01b3
        }
        for file in files.sorted(by: { $0.path < $1.path }) {
            mix(URL(fileURLWithPath: file.path).lastPathComponent)
            mix(file.text)
        }
        mix(knowledge.article.author)
        for sentence in knowledge.article.sentences { mix(sentence.text) }
        func mix(_ note: FactNote) {
            for name in note.serves + note.aspects + note.requires + [note.yes ?? "", note.pair ?? ""] { mix(name) }
        }
        for fact in knowledge.facts {
            mix(fact.id + fact.text)
            mix(fact.note)
        }
        for line in knowledge.sentenceNotes.keys.sorted() {
            mix(String(line))
            if let note = knowledge.sentenceNotes[line] { mix(note) }
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}

extension ModelCompiler {
    /// Every role played by exactly one intent, and at most one `eval:` block per topic, so the
    /// dialogue and the evaluation find what they need in the data alone.
    static func checkRoles(_ definitions: [IntentDefinition], folder: String) -> [Diagnostic] {
        var found: [Diagnostic] = []
        for role in IntentRole.allCases {
            let players = definitions.filter { $0.role == role }
            if players.isEmpty {
                found.append(
                    Diagnostic(file: folder, line: nil, message: "no intent has 'role: \(role.rawValue)'; one must"))
            }
            for extra in players.dropFirst() {
                found.append(
                    Diagnostic(
                        file: extra.file, line: extra.line,
                        message: "'role: \(role.rawValue)' is already the role of intent '\(players[0].id)'"))
            }
        }
        var checked: [String: IntentDefinition] = [:]
        for definition in definitions where definition.check != nil {
            if let first = checked[definition.topic] {
                found.append(
                    Diagnostic(
                        file: definition.file, line: definition.line,
                        message: "topic '\(definition.topic)' already has an 'eval' block, in intent '\(first.id)'"))
            } else {
                checked[definition.topic] = definition
            }
        }
        return found
    }
}
