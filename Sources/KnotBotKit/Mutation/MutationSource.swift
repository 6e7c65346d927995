public import Foundation

/// What mutations are made from: the compiled model and the parts of the data it was compiled from.
///
/// Each mutation changes one part and rebuilds only what depends on it: a red-flag concept lays out
/// its patterns again, a keyword rebuilds the keyword table on the learned weights (keywords are
/// added on top of what is learned), an example trains the classifier again from the examples'
/// features, found once. The typo-repair vocabulary and the crisis backstop stay as compiled: a
/// dropped word is still one repair aims at, and the backstop's everyday side (every example) is
/// not what a dropped example asks about.
public struct MutationSource: Sendable {
    public let model: BotModel
    let definitions: [IntentDefinition]
    let analyzer: TextAnalyzer
    let trainer: IntentTrainer
    let trainingSet: TrainingSet
    let keywords: [IntentClassifier.Keyword]
    /// The red-flag concepts as written, laid out once (the rules hold them flat).
    let concepts: [RedFlagRules.Concept]
    /// Each red flag's examples and near-misses: safety mutations are tested against them too.
    let checks: [RedFlagLoader.Check]

    /// Compiles an intents folder against the knowledge, keeping the parts mutations change.
    public static func compile(
        intentsFolder: URL, knowledge: KnowledgeBase, trainer: IntentTrainer = IntentTrainer()
    ) throws(KnotBotError) -> MutationSource {
        let files = try ModelCompiler.readIntentFiles(in: intentsFolder)
        let compilation = ModelCompiler.build(
            files: files, folder: intentsFolder.path, knowledge: knowledge, trainer: trainer)
        guard let model = compilation.model, let analyzer = compilation.analyzer else {
            throw .invalidData(compilation.diagnostics.filter { $0.severity == .error })
        }
        return MutationSource(
            model: model, definitions: compilation.definitions, analyzer: analyzer, trainer: trainer,
            trainingSet: trainer.trainingSet(compilation.definitions, analyzer: analyzer),
            keywords: trainer.keywords(of: compilation.definitions, analyzer: analyzer),
            concepts: model.redFlags.concepts, checks: compilation.checks)
    }

    /// Every mutation of the data, in a fixed order: red-flag rules, concept words, keywords,
    /// examples, facts, swapped answers, thresholds.
    public func mutations() -> [Mutation] {
        var all: [Mutation] = []
        let rules = model.redFlags
        for (flag, definition) in rules.flags.enumerated() {
            for (number, rule) in definition.when.enumerated() {
                let names = rule.concepts.map { concepts.indices.contains($0) ? concepts[$0].name : "?" }
                all.append(
                    Mutation(
                        kind: .redFlagRule, group: "flag \(definition.id)",
                        change: "drop rule \(number + 1) (\(names.joined(separator: " + "))) of flag \(definition.id)",
                        target: .redFlagRule(flag: flag, rule: number)))
            }
        }
        for (number, concept) in concepts.enumerated() {
            for (position, pattern) in concept.patterns.enumerated() {
                all.append(
                    Mutation(
                        kind: .conceptWord, group: "concept \(concept.name)",
                        change: "drop '\(pattern.text)' from concept \(concept.name)", pattern: pattern.text,
                        target: .conceptWord(concept: number, pattern: position)))
            }
        }
        var number = 0
        for definition in definitions {
            for keyword in definition.keywords {
                let synonyms = keyword.synonyms.count
                all.append(
                    Mutation(
                        kind: .keyword, group: "intent \(definition.id)",
                        change: "drop keyword '\(keyword.term)'"
                            + (synonyms == 0 ? "" : " and its \(synonyms) synonym\(synonyms == 1 ? "" : "s")"),
                        location: Self.location(definition.file, keyword.line), target: .keyword(number)))
                number += 1
            }
        }
        number = 0
        for definition in definitions {
            for example in definition.examples {
                all.append(
                    Mutation(
                        kind: .example, group: "intent \(definition.id)", change: "drop example \"\(example.value)\"",
                        location: Self.location(definition.file, example.line), target: .example(number)))
                number += 1
            }
        }
        for (index, intent) in model.intents.enumerated() {
            for fact in Self.facts(of: intent) {
                all.append(
                    Mutation(
                        kind: .fact, group: "intent \(intent.id)",
                        change: "drop fact \(model.facts[fact].id) from the answers of \(intent.id)",
                        target: .fact(intent: index, fact: fact)))
            }
        }
        let answering = model.intents.indices.filter { model.intents[$0].isKnowledge || model.intents[$0].reply != nil }
        // Each with the next, the last with the first; two intents make one swap, not the same twice.
        let swaps = answering.count > 2 ? answering.count : answering.count - 1
        for place in 0..<max(0, swaps) {
            let (index, other) = (answering[place], answering[(place + 1) % answering.count])
            let (first, second) = (model.intents[index].id, model.intents[other].id)
            all.append(
                Mutation(
                    kind: .swappedAnswers, group: "intents \(first) and \(second)",
                    change: "swap the answers of \(first) and \(second)", target: .swappedAnswers(index, other)))
        }
        let settings = model.dialogue
        for moved in [settings.threshold - 0.05, settings.threshold + 0.05] where moved > 0 {
            all.append(
                Mutation(
                    kind: .threshold, group: "dialogue settings",
                    change: "move the threshold from \(settings.threshold) to \(Self.rounded(moved))",
                    target: .threshold(moved)))
        }
        for moved in [settings.clarificationMargin / 2, settings.clarificationMargin * 2] where moved > 0 {
            all.append(
                Mutation(
                    kind: .threshold, group: "dialogue settings",
                    change:
                        "move the clarification margin from \(settings.clarificationMargin) to \(Self.rounded(moved))",
                    target: .margin(moved)))
        }
        return all
    }

    /// The facts an intent's answers use, pages first, each once.
    static func facts(of intent: CompiledIntent) -> [Int] {
        var seen: Set<Int> = []
        return (intent.pageFacts.joined() + intent.scope).filter { seen.insert($0).inserted }
    }

    static func location(_ file: String, _ line: Int?) -> String? {
        line.map { "\(file):\($0)" }
    }

    static func rounded(_ value: Double) -> String {
        String((value * 1000).rounded() / 1000)
    }

    /// The texts a maintainer wrote for an example or keyword mutation: the example itself, or the
    /// keyword and its synonyms, each as a message a person could send; empty for other kinds.
    func ownTexts(of mutation: Mutation) -> [String] {
        switch mutation.target {
        case .example(let number):
            var left = number
            for definition in definitions {
                if left < definition.examples.count { return [definition.examples[left].value] }
                left -= definition.examples.count
            }
            return []
        case .keyword(let number):
            var left = number
            for definition in definitions {
                if left < definition.keywords.count {
                    let keyword = definition.keywords[left]
                    return [keyword.term] + keyword.synonyms
                }
                left -= definition.keywords.count
            }
            return []
        default:
            return []
        }
    }

    /// The red-flag rules with the mutation in place.
    func rules(for mutation: Mutation) -> RedFlagRules {
        var rules = model.redFlags
        switch mutation.target {
        case .redFlagRule(let flag, let rule):
            rules.flags[flag].when.remove(at: rule)
        case .conceptWord(let concept, let pattern):
            var changed = concepts
            changed[concept].patterns.remove(at: pattern)
            rules.concepts = changed
        default:
            break
        }
        return rules
    }

    /// The assistant with the mutation in place.
    func assistant(for mutation: Mutation) -> Assistant {
        var model = self.model
        var threshold: Double?
        var margin: Double?
        switch mutation.target {
        case .redFlagRule, .conceptWord:
            model.redFlags = rules(for: mutation)
        case .keyword(let number):
            var kept = keywords
            kept.remove(at: number)
            let base = model.classifier
            model.classifier = IntentClassifier(
                intentIDs: base.intentIDs, features: base.features, weights: base.weights, biases: base.biases,
                keywords: kept)
        case .example(let number):
            model.classifier = trainer.classifier(trainingSet, keywords: keywords, leavingOut: number)
        case .fact(let index, let fact):
            var intent = model.intents[index]
            // A page left with no fact goes, with its text: what it said came from that fact.
            for page in intent.pageFacts.indices.reversed() {
                intent.pageFacts[page].removeAll { $0 == fact }
                if intent.pageFacts[page].isEmpty, intent.pages.indices.contains(page) {
                    intent.pageFacts.remove(at: page)
                    intent.pages.remove(at: page)
                }
            }
            intent.scope.removeAll { $0 == fact }
            model.intents[index] = intent
        case .swappedAnswers(let first, let second):
            var (a, b) = (model.intents[first], model.intents[second])
            swap(&a.pages, &b.pages)
            swap(&a.pageFacts, &b.pageFacts)
            swap(&a.scope, &b.scope)
            swap(&a.reply, &b.reply)
            swap(&a.replySources, &b.replySources)
            model.intents[first] = a
            model.intents[second] = b
        case .threshold(let value):
            threshold = value
        case .margin(let value):
            margin = value
        }
        return Assistant(model: model, threshold: threshold, margin: margin)
    }
}
