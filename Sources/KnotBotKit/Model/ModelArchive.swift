/// Turns a `BotModel` into bytes and back; the build embeds these bytes in the binary.
public enum ModelArchive {
    /// Changes whenever the layout below changes, so a stale archive is refused, not misread.
    public static let formatVersion = 43
    static let magic = "KNOTBOT-MODEL"

    public static func encode(_ model: BotModel) -> [UInt8] {
        var prefix = ArchiveWriter()
        prefix.rawString(magic)
        prefix.int(formatVersion)
        var out = ArchiveWriter()
        out.string(model.fingerprint)
        write(model.knowledge, &out)
        out.list(model.lexicon.rewrites.keys.sorted()) { out, key in
            out.string(key)
            out.strings(model.lexicon.rewrites[key] ?? [])
        }
        out.words(model.lexicon.stopwords)
        out.words(model.lexicon.knownWords)
        out.words(model.lexicon.knownStems)
        out.words(model.lexicon.followUpWords)
        out.words(model.lexicon.referenceWords)
        out.words(model.lexicon.openers)
        write(model.redFlags, &out)
        let dialogue = model.dialogue
        for value in [
            dialogue.threshold, dialogue.clarificationMargin, dialogue.contextBoost, dialogue.referenceBoost,
            dialogue.secondTopicFloor, dialogue.farewellFloor, dialogue.choiceFloor,
        ] {
            out.string(String(value))
        }
        out.int(dialogue.missesBeforeHelp)
        for words in [dialogue.firstWords, dialogue.secondWords, dialogue.refusalWords, dialogue.questionWords] {
            out.words(words)
        }
        out.strings(dialogue.acknowledgements.map(\.say))
        out.list(model.intents) { out, intent in
            out.string(intent.id)
            out.string(intent.topic)
            out.string(intent.summary)
            out.bool(intent.understood)
            out.bool(intent.endsSession)
            out.bool(intent.selfCare)
            out.list(intent.pages) { out, page in
                out.string(page.text)
                out.strings(page.sources)
            }
            out.optionalString(intent.reply)
            out.strings(intent.replySources)
            out.optionalString(intent.role?.rawValue)
            out.bool(intent.check != nil)
            if let check = intent.check {
                out.strings(check.any)
                out.int(check.atLeast)
                out.strings(check.all)
                out.int(check.maxLength ?? -1)
                out.bool(check.declined)
                out.bool(check.declinedPasses)
                out.bool(check.fresh)
            }
        }
        writeClassifier(model.classifier, &out)
        out.words(model.vocabulary)
        out.packed(model.typoTargets)
        out.words(dialogue.personalWords)
        out.words(dialogue.yesNoWords)
        out.words(dialogue.addressedWords)
        out.words(dialogue.subjectWords)
        out.string(dialogue.situationNoted)
        out.string(dialogue.situationLink)
        out.words(dialogue.askingWords)
        out.words(dialogue.continuationWords)
        out.words(dialogue.explainingWords)
        out.words(dialogue.reasonWords)
        out.string(String(dialogue.smallTalkQuestionFloor))
        out.string(String(dialogue.offSubjectShare))
        out.string(String(dialogue.outOfScopeFloor))
        out.string(String(dialogue.questionWeight))
        out.string(String(dialogue.actionBoost))
        write(dialogue.actionPhrases, ownerBound: 1, &out)
        write(dialogue.indirectPhrases, ownerBound: 1, &out)
        write(dialogue.feelingPhrases, ownerBound: dialogue.acknowledgements.count, &out)
        out.strings(model.intents.filter(\.action).map(\.id))
        out.list(model.aspects) { out, aspect in write(aspect, &out) }
        write(model.aspectMatcher.byFirstStem, &out)
        out.list(model.facts) { out, fact in write(fact, &out) }
        out.list(model.intents) { out, intent in
            out.list(intent.pageFacts) { out, page in out.fixedWidth(page, bound: model.facts.count) }
            out.fixedWidth(intent.scope, bound: model.facts.count)
        }
        out.bool(model.crisisLanguage != nil)
        if let crisis = model.crisisLanguage {
            out.string(String(crisis.floor))
            writeClassifier(crisis.classifier, &out)
        }
        return out.finish(prefix: prefix)
    }

    public static func decode(_ bytes: [UInt8], source: String) throws(KnotBotError) -> BotModel {
        let result = bytes.withUnsafeBufferPointer { buffer in
            Result { () throws(KnotBotError) in try decode(buffer, source: source) }
        }
        return try result.get()
    }

    /// Decodes the archive literal embedded in the binary, whose word lists the model then reads
    /// where they lie: a `StaticString` is never freed.
    public static func decode(_ archive: StaticString, source: String) throws(KnotBotError) -> BotModel {
        precondition(archive.hasPointerRepresentation, "a model archive is text")
        let bytes = UnsafeBufferPointer(start: archive.utf8Start, count: archive.utf8CodeUnitCount)
        return try decode(bytes, immortal: true, source: source)
    }

    /// Decodes borrowed bytes, copying what the model keeps of them.
    public static func decode(_ bytes: UnsafeBufferPointer<UInt8>, source: String) throws(KnotBotError) -> BotModel {
        try decode(bytes, immortal: false, source: source)
    }

    private static func decode(
        _ bytes: UnsafeBufferPointer<UInt8>, immortal: Bool, source: String
    ) throws(KnotBotError) -> BotModel {
        var reader = ArchiveReader(bytes, immortal: immortal)
        do {
            guard try reader.rawString() == magic else {
                throw KnotBotError.invalidData([Diagnostic(file: source, line: nil, message: "is not a KnotBot model")])
            }
            let version = try reader.int()
            guard version == formatVersion else {
                throw KnotBotError.invalidData([
                    Diagnostic(
                        file: source, line: nil,
                        message: "model format \(version) is not the supported \(formatVersion); rebuild it")
                ])
            }
            try reader.readTable()
            return try readModel(&reader)
        } catch let error as KnotBotError {
            throw error
        } catch {
            throw .invalidData([Diagnostic(file: source, line: nil, message: "the model archive is corrupt")])
        }
    }

    private static func readModel(_ input: inout ArchiveReader) throws -> BotModel {
        let fingerprint = try input.string()
        let knowledge = try readKnowledge(&input)
        let rewriteList = try input.list { input throws(ArchiveReader.Corrupt) in
            (try input.string(), try input.strings())
        }
        var rewrites: [String: [String]] = [:]
        rewrites.reserveCapacity(rewriteList.count)
        for (key, value) in rewriteList { rewrites[key] = value }
        let stopwords = try words(&input)
        let knownWords = try words(&input)
        let knownStems = try words(&input)
        var lexicon = Lexicon(
            rewrites: rewrites, stopwords: stopwords, knownWords: knownWords,
            followUpWords: try words(&input), referenceWords: try words(&input))
        lexicon.knownStems = knownStems
        lexicon.openers = try words(&input)
        let redFlags = try readRedFlags(&input)
        var numbers: [Double] = []
        for _ in 0..<7 {
            numbers.append(try readDouble(&input))
        }
        var dialogue = DialogueSettings(
            threshold: numbers[0], clarificationMargin: numbers[1], contextBoost: numbers[2],
            referenceBoost: numbers[3], secondTopicFloor: numbers[4], farewellFloor: numbers[5],
            choiceFloor: numbers[6], missesBeforeHelp: try input.int(), firstWords: try words(&input),
            secondWords: try words(&input), refusalWords: try words(&input), questionWords: try words(&input))
        dialogue.acknowledgements = try input.strings().map { DialogueSettings.Acknowledgement(say: $0) }
        let intents = try input.list { input throws(ArchiveReader.Corrupt) in
            CompiledIntent(
                id: try input.string(), topic: try input.string(), summary: try input.string(),
                understood: try input.bool(), endsSession: try input.bool(), selfCare: try input.bool(),
                pages: try input.list { input throws(ArchiveReader.Corrupt) in
                    AnswerPage(text: try input.string(), sources: try input.strings())
                },
                reply: try input.optionalString(), replySources: try input.strings(),
                role: try input.optionalString().map { name throws(ArchiveReader.Corrupt) in
                    guard let role = IntentRole(rawValue: name) else { throw ArchiveReader.Corrupt(offset: 0) }
                    return role
                },
                check: try input.bool() ? try readCheck(&input) : nil)
        }
        let classifier = try readClassifier(&input)
        let vocabulary = try words(&input)
        let targets = try input.packed()
        dialogue.personalWords = try words(&input)
        dialogue.yesNoWords = try words(&input)
        dialogue.addressedWords = try words(&input)
        dialogue.subjectWords = try words(&input)
        dialogue.situationNoted = try input.string()
        dialogue.situationLink = try input.string()
        dialogue.askingWords = try words(&input)
        dialogue.continuationWords = try words(&input)
        dialogue.explainingWords = try words(&input)
        dialogue.reasonWords = try words(&input)
        dialogue.smallTalkQuestionFloor = try readDouble(&input)
        dialogue.offSubjectShare = try readDouble(&input)
        dialogue.outOfScopeFloor = try readDouble(&input)
        dialogue.questionWeight = try readDouble(&input)
        dialogue.actionBoost = try readDouble(&input)
        dialogue.actionPhrases = try readPhraseTable(&input, ownerBound: 1)
        dialogue.indirectPhrases = try readPhraseTable(&input, ownerBound: 1)
        dialogue.feelingPhrases = try readPhraseTable(&input, ownerBound: dialogue.acknowledgements.count)
        let actions = Set(try input.strings())
        let aspects = try input.list(readAspect)
        guard let matcher = AspectMatcher(aspects, filed: try readWordIndex(&input)) else {
            throw ArchiveReader.Corrupt(offset: 0)
        }
        let facts = try input.list(readFact)
        var placed = intents
        let placements = try input.list { input throws(ArchiveReader.Corrupt) in
            (
                pages: try input.list { input throws(ArchiveReader.Corrupt) in try input.fixedWidth() },
                scope: try input.fixedWidth()
            )
        }
        var crisisLanguage: CrisisLanguageModel?
        if try input.bool() {
            let floor = try readDouble(&input)
            crisisLanguage = CrisisLanguageModel(classifier: try readClassifier(&input), floor: floor)
        }
        guard placements.count == intents.count, input.isAtEnd,
            placements.allSatisfy({ ($0.pages.flatMap { $0 } + $0.scope).allSatisfy(facts.indices.contains) }),
            facts.allSatisfy({
                ($0.pair.map(facts.indices.contains) ?? true) && ($0.previous.map(facts.indices.contains) ?? true)
            })
        else { throw ArchiveReader.Corrupt(offset: 0) }
        for (index, placement) in placements.enumerated() {
            placed[index].pageFacts = placement.pages
            placed[index].scope = placement.scope
            placed[index].action = actions.contains(placed[index].id)
        }
        var model = BotModel(
            knowledge: knowledge, lexicon: lexicon, redFlags: redFlags, dialogue: dialogue, intents: placed,
            classifier: classifier, vocabulary: vocabulary, typoTargets: targets, fingerprint: fingerprint,
            aspects: aspects, matcher: matcher, facts: facts)
        model.crisisLanguage = crisisLanguage
        return model
    }

    /// Writes a classifier: its ids, features, sparse weights, biases, keywords and their phrase table.
    private static func writeClassifier(_ classifier: IntentClassifier, _ out: inout ArchiveWriter) {
        out.strings(classifier.intentIDs)
        out.words(classifier.features)
        let weights = classifier.weights
        out.int(weights.width)
        out.numbers(weights.rowStarts)
        out.numbers(weights.columns)
        out.floats(Array(weights.values))
        out.floats(classifier.biases)
        out.fixedWidth(classifier.keywordIntents.map(Int.init), bound: classifier.intentIDs.count)
        out.floats(classifier.keywordWeights)
        out.packed(classifier.keywordTerms)
        write(classifier.phrases, ownerBound: classifier.keywordIntents.count, &out)
    }

    /// Writes a phrase table whose owners are below `ownerBound`.
    private static func write(_ phrases: PhraseTable, ownerBound: Int, _ out: inout ArchiveWriter) {
        out.words(phrases.vocabulary)
        out.numbers(phrases.stemIDs)
        out.fixedWidth(
            zip([0] + phrases.ends, phrases.ends).map { Int($1 - $0) }, bound: phrases.stemIDs.count + 1)
        out.fixedWidth(phrases.owners.map(Int.init), bound: ownerBound)
        out.fixedWidth(phrases.firstStarts.map(Int.init), bound: phrases.count + 1)
    }

    /// Reads a phrase table `write(_:ownerBound:_:)` wrote.
    private static func readPhraseTable(_ input: inout ArchiveReader, ownerBound: Int) throws(ArchiveReader.Corrupt)
        -> PhraseTable
    {
        guard
            let phrases = PhraseTable(
                vocabulary: try words(&input), stemIDs: try input.numbers(), ends: try input.runningEnds(after: nil),
                owners: try input.fixedWidthNumbers(), ownerBound: ownerBound,
                firstStarts: try input.fixedWidthNumbers())
        else { throw ArchiveReader.Corrupt(offset: 0) }
        return phrases
    }

    /// Reads a classifier `writeClassifier` wrote.
    private static func readClassifier(_ input: inout ArchiveReader) throws(ArchiveReader.Corrupt) -> IntentClassifier {
        let intentIDs = try input.strings()
        let features = try words(&input)
        let width = try input.int()
        let rowStarts = try input.numbers()
        let columns = try input.numbers()
        guard width == intentIDs.count, rowStarts.count == features.count + 1,
            let weights = SparseWeights(
                width: width, rowStarts: rowStarts, columns: columns, values: try input.floatTable())
        else { throw ArchiveReader.Corrupt(offset: 0) }
        let biases = try input.floats()
        let keywordIntents = try input.fixedWidthNumbers()
        let keywordWeights = try input.floats()
        let keywordTerms = try input.packed()
        let phrases = try readPhraseTable(&input, ownerBound: keywordIntents.count)
        guard biases.count == intentIDs.count,
            let classifier = IntentClassifier(
                intentIDs: intentIDs, features: features, weights: weights, biases: biases,
                keywordIntents: keywordIntents, keywordWeights: keywordWeights, keywordTerms: keywordTerms,
                phrases: phrases)
        else { throw ArchiveReader.Corrupt(offset: 0) }
        return classifier
    }

    /// Writes a word index: its keys, then each key's run length and the numbers.
    private static func write(_ index: WordIndex, _ out: inout ArchiveWriter) {
        out.words(index.keys)
        out.fixedWidth(
            zip(index.starts, index.starts.dropFirst()).map { Int($1 - $0) }, bound: index.numbers.count + 1)
        out.fixedWidth(index.numbers.map(Int.init), bound: (index.numbers.max().map(Int.init) ?? 0) + 1)
    }

    /// Reads a word index `write(_:_:)` wrote.
    private static func readWordIndex(_ input: inout ArchiveReader) throws(ArchiveReader.Corrupt) -> WordIndex {
        let keys = try words(&input)
        let starts = try input.runningEnds(after: 0)
        let numbers = try input.fixedWidthNumbers()
        guard let index = WordIndex(keys: keys, starts: starts, numbers: numbers) else {
            throw ArchiveReader.Corrupt(offset: 0)
        }
        return index
    }

    /// A word set `ArchiveWriter.words` wrote, sorted and with its slots, so decoding builds nothing.
    ///
    /// A lookup compares the one or two words its slots point at, so the ends are read in place;
    /// `endsHeld` decodes them instead for the pattern words, which the red-flag detector compares by
    /// number about 100 times a turn.
    private static func words(_ input: inout ArchiveReader, endsHeld: Bool = false) throws(ArchiveReader.Corrupt)
        -> WordSet
    {
        let words = endsHeld ? try input.searchable() : try input.packed()
        guard let set = WordSet(trustingOrder: words, slots: try input.numbers()) else {
            throw ArchiveReader.Corrupt(offset: 0)
        }
        return set
    }

    private static func write(_ sentence: Sentence, _ out: inout ArchiveWriter) {
        out.string(sentence.text)
        out.int(sentence.line)
        out.string(sentence.section)
        out.strings(sentence.listItems)
    }

    private static func readSentence(_ input: inout ArchiveReader) throws(ArchiveReader.Corrupt) -> Sentence {
        Sentence(
            text: try input.string(), line: try input.int(), section: try input.string(), listItems: try input.strings()
        )
    }

    private static func write(_ knowledge: KnowledgeBase, _ out: inout ArchiveWriter) {
        let article = knowledge.article
        out.string(article.title)
        out.string(article.author)
        write(article.byline, &out)
        out.string(article.standfirst)
        out.list(article.sections) { out, section in
            out.string(section.heading)
            out.list(section.sentences) { out, sentence in write(sentence, &out) }
        }
        out.strings(article.resources)
        out.list(article.gaps) { out, gap in
            write(gap.lead, &out)
            out.string(gap.kind.rawValue)
        }
        out.list(knowledge.facts) { out, fact in
            out.string(fact.id)
            out.string(fact.text)
            out.optionalString(fact.gapLead)
            out.list(fact.sources) { out, source in
                out.string(source.key)
                out.string(source.title)
                out.optionalString(source.url)
            }
            write(fact.note, &out)
        }
        out.list(knowledge.sentenceNotes.keys.sorted()) { out, line in
            out.int(line)
            write(knowledge.sentenceNotes[line] ?? FactNote(), &out)
        }
    }

    private static func readKnowledge(_ input: inout ArchiveReader) throws -> KnowledgeBase {
        let title = try input.string()
        let author = try input.string()
        let byline = try readSentence(&input)
        let standfirst = try input.string()
        let sections = try input.list { input throws(ArchiveReader.Corrupt) in
            ArticleSection(heading: try input.string(), sentences: try input.list(readSentence))
        }
        let resources = try input.strings()
        let gaps = try input.list { input throws(ArchiveReader.Corrupt) in
            let lead = try readSentence(&input)
            guard let kind = ListGap.Kind(rawValue: try input.string()) else { throw ArchiveReader.Corrupt(offset: 0) }
            return ListGap(lead: lead, kind: kind)
        }
        let facts = try input.list { input throws(ArchiveReader.Corrupt) in
            let id = try input.string()
            let text = try input.string()
            let lead = try input.optionalString()
            let sources = try input.list { input throws(ArchiveReader.Corrupt) in
                SupplementSource(key: try input.string(), title: try input.string(), url: try input.optionalString())
            }
            return SupplementFact(id: id, text: text, sources: sources, gapLead: lead, note: try readNote(&input))
        }
        let notes = try input.list { input throws(ArchiveReader.Corrupt) in (try input.int(), try readNote(&input)) }
        return KnowledgeBase(
            article: Article(
                title: title, author: author, byline: byline, standfirst: standfirst, sections: sections,
                resources: resources, gaps: gaps),
            facts: facts, sentenceNotes: Dictionary(notes, uniquingKeysWith: { first, _ in first }))
    }

    /// A setting or weight, stored as its shortest decimal text so it reads back exactly.
    private static func readDouble(_ input: inout ArchiveReader) throws(ArchiveReader.Corrupt) -> Double {
        guard let value = Double(try input.string()) else { throw ArchiveReader.Corrupt(offset: 0) }
        return value
    }

    private static func write(_ note: FactNote, _ out: inout ArchiveWriter) {
        out.strings(note.serves)
        out.strings(note.aspects)
        out.strings(note.requires)
        out.optionalString(note.yes)
        out.optionalString(note.pair)
        out.bool(note.leansOnPrevious)
        out.optionalString(note.unused)
        out.string(note.file)
        out.int(note.line)
    }

    private static func readNote(_ input: inout ArchiveReader) throws(ArchiveReader.Corrupt) -> FactNote {
        FactNote(
            serves: try input.strings(), aspects: try input.strings(), requires: try input.strings(),
            yes: try input.optionalString(), pair: try input.optionalString(),
            leansOnPrevious: try input.bool(), unused: try input.optionalString(), file: try input.string(),
            line: try input.int())
    }

    private static func write(_ aspect: Aspect, _ out: inout ArchiveWriter) {
        out.string(aspect.name)
        out.packed(aspect.phrases.stems)
        out.numbers(aspect.phrases.ends)
        out.string(String(aspect.weight))
        out.bool(aspect.remember)
        out.optionalString(aspect.told)
        out.optionalString(aspect.unsaid)
        out.strings(aspect.instead)
        out.bool(aspect.pair)
        out.bool(aspect.frame)
    }

    private static func readAspect(_ input: inout ArchiveReader) throws(ArchiveReader.Corrupt) -> Aspect {
        let name = try input.string()
        let phrases = PhraseList(stems: try input.packed(), ends: try input.numbers())
        let weight = try readDouble(&input)
        var aspect = Aspect(
            name: name, phrases: [], weight: weight, remember: try input.bool(), told: try input.optionalString(),
            unsaid: try input.optionalString(),
            instead: try input.strings(), pair: try input.bool(), frame: try input.bool())
        aspect.phrases = phrases
        return aspect
    }

    private static func write(_ fact: Fact, _ out: inout ArchiveWriter) {
        out.string(fact.id)
        out.string(fact.text)
        out.strings(fact.listItems)
        switch fact.origin {
        case .article(let section, let line):
            out.int(0)
            out.string(section)
            out.int(line)
        case .byline:
            out.int(1)
        case .supplement(let cited):
            out.int(2)
            out.bool(cited)
        }
        out.strings(fact.sources)
        out.strings(fact.serves)
        out.int(Int(bitPattern: UInt(fact.aspects.bits)))
        out.int(Int(bitPattern: UInt(fact.requires.bits)))
        out.optionalString(fact.yes)
        out.int(fact.pair ?? -1)
        out.int(fact.previous ?? -1)
    }

    private static func readFact(_ input: inout ArchiveReader) throws(ArchiveReader.Corrupt) -> Fact {
        let id = try input.string()
        let text = try input.string()
        let items = try input.strings()
        let origin: Fact.Origin
        switch try input.int() {
        case 0: origin = .article(section: try input.string(), line: try input.int())
        case 1: origin = .byline
        case 2: origin = .supplement(citedByArticle: try input.bool())
        default: throw ArchiveReader.Corrupt(offset: 0)
        }
        let sources = try input.strings()
        let serves = try input.strings()
        let aspects = AspectSet(bits: UInt64(UInt(bitPattern: try input.int())))
        let requires = AspectSet(bits: UInt64(UInt(bitPattern: try input.int())))
        let yes = try input.optionalString()
        let pair = try input.int()
        let previous = try input.int()
        return Fact(
            id: id, text: text, listItems: items, origin: origin, sources: sources, serves: serves, aspects: aspects,
            requires: requires, yes: yes, pair: pair < 0 ? nil : pair, previous: previous < 0 ? nil : previous)
    }

    private static func write(_ rules: RedFlagRules, _ out: inout ArchiveWriter) {
        out.words(rules.negationCues)
        out.int(rules.negationWindow)
        out.words(rules.negationBreaks)
        out.words(rules.gapStops)
        out.words(rules.answerCues)
        out.words(rules.inabilityWords)
        out.list(rules.carried) { out, number in out.int(number) }
        let patterns = rules.patterns
        out.packed(patterns.names)
        out.numbers(patterns.conceptEnds)
        out.numbers(patterns.patternEnds)
        out.numbers(patterns.elements)
        out.words(patterns.words)
        out.packed(patterns.texts)
        let starts = rules.patternStarts
        write(starts.byStem, &out)
        write(starts.byLetters, &out)
        out.fixedWidth(starts.conceptLed.map(Int.init), bound: patterns.patternCount)
        out.fixedWidth(starts.leadingConcept.map(Int.init), bound: patterns.conceptCount)
        out.fixedWidth(starts.referring.map(Int.init), bound: patterns.conceptCount)
        for role in RedFlagRules.Role.allCases { out.int(rules.roles[role] ?? -1) }
        for tier in RedFlagRules.Tier.allCases {
            out.string(rules.advice[tier]?.user ?? "")
            out.string(rules.advice[tier]?.other ?? "")
        }
        out.string(rules.safetyNet)
        out.string(rules.selfTreatmentRefusal)
        out.string(rules.replyIntent)
        out.string(rules.warningDoubted)
        out.words(rules.doubtWords)
        out.list(rules.someoneElseWords.sorted { $0.key < $1.key }) { out, pair in
            out.string(pair.key)
            out.string(pair.value)
        }
        out.list(rules.flags) { out, flag in
            out.string(flag.id)
            out.string(flag.tier.rawValue)
            out.string(flag.symptom)
            out.strings(flag.sources)
            out.list(flag.when) { out, rule in
                out.list(rule.concepts) { out, number in out.int(number) }
                out.list(rule.except) { out, number in out.int(number) }
                out.string(rule.scope?.rawValue ?? "")
            }
            out.list(flag.unless) { out, number in out.int(number) }
            out.string(flag.scope.rawValue)
            out.bool(flag.timeless)
            out.strings(flag.experiencers.map(\.rawValue))
            out.bool(flag.anyPerson)
        }
    }

    private static func readCheck(_ input: inout ArchiveReader) throws(ArchiveReader.Corrupt) -> AnswerCheck {
        let any = try input.strings()
        let atLeast = try input.int()
        let all = try input.strings()
        let maxLength = try input.int()
        return AnswerCheck(
            any: any, atLeast: atLeast, all: all, maxLength: maxLength < 0 ? nil : maxLength,
            declined: try input.bool(),
            declinedPasses: try input.bool(), fresh: try input.bool())
    }

    private static func readRedFlags(_ input: inout ArchiveReader) throws(ArchiveReader.Corrupt) -> RedFlagRules {
        let cues = try words(&input)
        let window = try input.int()
        let breaks = try words(&input)
        let gapStops = try words(&input)
        let answerCues = try words(&input)
        let inabilityWords = try words(&input)
        let carried = try input.list { input throws(ArchiveReader.Corrupt) in try input.int() }
        let names = try input.packed()
        let conceptEnds = try input.numbers()
        let patternEnds = try input.numbers()
        let elements = try input.numbers()
        let patternWords = try words(&input, endsHeld: true)
        let texts = try input.packed()
        guard
            let patterns = PatternTable(
                names: names, conceptEnds: conceptEnds, patternEnds: patternEnds, elements: elements,
                words: patternWords, texts: texts)
        else { throw ArchiveReader.Corrupt(offset: 0) }
        guard
            let patternStarts = PatternStarts(
                byStem: try readWordIndex(&input), byLetters: try readWordIndex(&input),
                conceptLed: try input.fixedWidthNumbers(), leadingConcept: try input.fixedWidthNumbers(),
                referring: try input.fixedWidthNumbers()),
            patternStarts.fits(patterns)
        else { throw ArchiveReader.Corrupt(offset: 0) }
        var roles: CaseMap<RedFlagRules.Role, Int> = [:]
        for role in RedFlagRules.Role.allCases {
            let number = try input.int()
            if number >= 0 { roles[role] = number }
        }
        var advice: CaseMap<RedFlagRules.Tier, RedFlagRules.Advice> = [:]
        for tier in RedFlagRules.Tier.allCases {
            advice[tier] = RedFlagRules.Advice(user: try input.string(), other: try input.string())
        }
        let safetyNet = try input.string()
        let refusal = try input.string()
        let replyIntent = try input.string()
        let warningDoubted = try input.string()
        let doubtWords = try words(&input)
        var someoneElseWords: [String: String] = [:]
        for (key, value) in try input.list({ input throws(ArchiveReader.Corrupt) in
            (try input.string(), try input.string())
        }) {
            someoneElseWords[key] = value
        }
        let flags = try input.list { input throws(ArchiveReader.Corrupt) in
            let id = try input.string()
            guard let tier = RedFlagRules.Tier(rawValue: try input.string()) else {
                throw ArchiveReader.Corrupt(offset: 0)
            }
            let symptom = try input.string()
            let sources = try input.strings()
            let when = try input.list { input throws(ArchiveReader.Corrupt) in
                RedFlagRules.Rule(
                    concepts: try input.list { input throws(ArchiveReader.Corrupt) in try input.int() },
                    except: try input.list { input throws(ArchiveReader.Corrupt) in try input.int() },
                    scope: RedFlagRules.Scope(rawValue: try input.string()))
            }
            let unless = try input.list { input throws(ArchiveReader.Corrupt) in try input.int() }
            guard let scope = RedFlagRules.Scope(rawValue: try input.string()) else {
                throw ArchiveReader.Corrupt(offset: 0)
            }
            let timeless = try input.bool()
            let experiencers = try input.strings().compactMap(RedFlagRules.Experiencer.init(rawValue:))
            let anyPerson = try input.bool()
            return RedFlagRules.Flag(
                id: id, tier: tier, symptom: symptom, sources: sources, when: when, unless: unless, scope: scope,
                timeless: timeless, experiencers: experiencers, anyPerson: anyPerson)
        }
        var rules = RedFlagRules(
            negationCues: cues, negationWindow: window, negationBreaks: breaks, concepts: [], roles: roles,
            advice: advice, safetyNet: safetyNet, selfTreatmentRefusal: refusal, someoneElseWords: someoneElseWords,
            flags: flags)
        rules.restore(patterns: patterns, patternStarts: patternStarts)
        rules.gapStops = gapStops
        rules.answerCues = answerCues
        rules.inabilityWords = inabilityWords
        rules.carried = carried.filter((0..<patterns.conceptCount).contains)
        rules.replyIntent = replyIntent
        rules.warningDoubted = warningDoubted
        rules.doubtWords = doubtWords
        return rules
    }
}
