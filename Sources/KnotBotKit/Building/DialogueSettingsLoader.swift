import Yams

/// Loads `dialogue.yaml`; every setting is required, so no tuned value hides in Swift.
public enum DialogueSettingsLoader {
    static let numbers: [(key: String, range: ClosedRange<Double>)] = [
        ("threshold", 0...1), ("clarification-margin", 0...1), ("context-boost", 1...100),
        ("reference-boost", 1...100), ("second-topic-floor", 0...1), ("farewell-floor", 0...1),
        ("choice-floor", 0...1), ("misses-before-help", 1...100), ("small-talk-question-floor", 0...1),
        ("out-of-scope-floor", 0...1), ("question-weight", 0...10), ("action-boost", 1...100),
        ("off-subject-share", 0...1),
    ]
    static let wordLists = [
        "first", "second", "refusal", "question", "personal", "yes-no", "asking", "continuation", "explaining",
        "reason", "addressed", "subject",
    ]

    public static func load(_ file: DataFile, analyzer: TextAnalyzer) throws(KnotBotError) -> DialogueSettings {
        var reader = YAMLReader(path: file.path)
        var values: [String: Double] = [:]
        var words: [String: WordSet] = [:]
        let keys =
            numbers.map(\.key) + [
                "words", "acknowledgements", "situation-noted", "situation-link", "asks-action",
                "indirect-question",
            ]
        var acknowledgements: [DialogueSettings.Acknowledgement] = []
        var actionPhrases: [[String]] = []
        var indirectPhrases: [[String]] = []
        var feelingPhrases: [(owner: Int, stems: [String])] = []
        var noted: String?
        var link: String?
        if let root = reader.root(of: file.text),
            let top = reader.mapping(root, what: "the dialogue settings", allowed: Set(keys), required: keys)
        {
            for (key, range) in numbers {
                if let node = top[key], let value = reader.number(node, what: key, in: range) { values[key] = value }
            }
            noted = top["situation-noted"].flatMap { reader.text($0, what: "situation-noted") }?.value
            link = top["situation-link"].flatMap { reader.text($0, what: "situation-link") }?.value
            if let link, !link.contains("{situation}") {
                reader.error("situation-link must say {situation}", line: YAMLReader.line(of: top["situation-link"]))
            }
            if let noted, !noted.contains("{situation}") {
                reader.error("situation-noted must say {situation}", line: YAMLReader.line(of: top["situation-noted"]))
            }
            if let node = top["acknowledgements"], let items = reader.list(node, what: "acknowledgements") {
                for item in items {
                    guard
                        let fields = reader.mapping(
                            item, what: "an acknowledgement", allowed: ["feelings", "say"],
                            required: ["feelings", "say"]),
                        let feelings = fields["feelings"].flatMap({ reader.textList($0, what: "feelings") }),
                        let say = fields["say"].flatMap({ reader.text($0, what: "say") })
                    else { continue }
                    for feeling in feelings {
                        let stems = analyzer.stems(ofPhrase: feeling.value)
                        if !stems.isEmpty { feelingPhrases.append((owner: acknowledgements.count, stems: stems)) }
                    }
                    acknowledgements.append(.init(say: say.value))
                }
            }
            if let node = top["asks-action"], let phrases = reader.textList(node, what: "asks-action") {
                actionPhrases = phrases.map { analyzer.stems(ofPattern: $0.value) }.filter { !$0.isEmpty }
            }
            if let node = top["indirect-question"], let phrases = reader.textList(node, what: "indirect-question") {
                indirectPhrases = phrases.map { analyzer.stems(ofPattern: $0.value) }.filter { !$0.isEmpty }
            }
            if let node = top["words"],
                let lists = reader.mapping(node, what: "words", allowed: Set(wordLists), required: wordLists)
            {
                for name in wordLists {
                    if let list = lists[name], let items = reader.textList(list, what: "\(name) words") {
                        words[name] = WordSet(items.map { TextAnalyzer.normalize($0.value) })
                    }
                }
            }
        }
        guard !reader.hasErrors, let noted, let link, let threshold = values["threshold"],
            let margin = values["clarification-margin"],
            let context = values["context-boost"], let reference = values["reference-boost"],
            let second = values["second-topic-floor"], let farewell = values["farewell-floor"],
            let choice = values["choice-floor"], let misses = values["misses-before-help"],
            let firstWords = words["first"], let secondWords = words["second"], let refusal = words["refusal"],
            let question = words["question"]
        else {
            throw .invalidData(reader.diagnostics.filter { $0.severity == .error })
        }
        var settings = DialogueSettings(
            threshold: threshold, clarificationMargin: margin, contextBoost: context, referenceBoost: reference,
            secondTopicFloor: second, farewellFloor: farewell, choiceFloor: choice, missesBeforeHelp: Int(misses),
            firstWords: firstWords, secondWords: secondWords, refusalWords: refusal, questionWords: question)
        settings.acknowledgements = acknowledgements
        settings.situationNoted = noted
        settings.situationLink = link
        settings.personalWords = words["personal"] ?? WordSet([])
        settings.yesNoWords = words["yes-no"] ?? WordSet([])
        settings.askingWords = words["asking"] ?? WordSet([])
        settings.continuationWords = words["continuation"] ?? WordSet([])
        settings.explainingWords = words["explaining"] ?? WordSet([])
        settings.reasonWords = words["reason"] ?? WordSet([])
        settings.addressedWords = words["addressed"] ?? WordSet([])
        settings.subjectWords = words["subject"] ?? WordSet([])
        settings.smallTalkQuestionFloor = values["small-talk-question-floor"] ?? settings.smallTalkQuestionFloor
        settings.outOfScopeFloor = values["out-of-scope-floor"] ?? settings.outOfScopeFloor
        settings.questionWeight = values["question-weight"] ?? settings.questionWeight
        settings.offSubjectShare = values["off-subject-share"] ?? settings.offSubjectShare
        settings.actionBoost = values["action-boost"] ?? settings.actionBoost
        settings.actionPhrases = PhraseTable(actionPhrases.map { (owner: 0, stems: $0) })
        settings.indirectPhrases = PhraseTable(indirectPhrases.map { (owner: 0, stems: $0) })
        settings.feelingPhrases = PhraseTable(feelingPhrases)
        return settings
    }
}
