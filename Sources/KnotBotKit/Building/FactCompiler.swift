/// Resolves what each unit of knowledge answers (intents served, aspects, pairs) against the intents
/// and aspects being compiled, and checks that every fact can be reached by some question.
enum FactCompiler {
    /// The facts with their notes resolved, and every name that points at nothing.
    static func compile(
        knowledge: KnowledgeBase, aspects: [Aspect], aspectsFile: String, definitions: [IntentDefinition]
    ) -> (facts: [Fact], diagnostics: [Diagnostic]) {
        var facts = knowledge.baseFacts()
        var diagnostics: [Diagnostic] = []
        let intentIDs = Set(definitions.map(\.id))
        let aspectIndex = Dictionary(
            aspects.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { first, _ in first })
        let factIndex = Dictionary(facts.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
        var notes: [Int: FactNote] = [:]
        for (line, note) in knowledge.sentenceNotes {
            if let index = factIndex[Fact.articleID(line: line)] { notes[index] = note }
        }
        for fact in knowledge.facts {
            if let index = factIndex[fact.id] { notes[index] = fact.note }
        }
        for (index, note) in notes {
            func problem(_ message: String) {
                diagnostics.append(Diagnostic(file: note.file, line: note.line, message: message))
            }
            func set(_ names: [String], _ what: String) -> AspectSet {
                var set = AspectSet()
                for name in names {
                    if let aspect = aspectIndex[name] {
                        set.insert(aspect)
                    } else {
                        problem("\(what) '\(name)' is not an aspect in \(aspectsFile)")
                    }
                }
                return set
            }
            // A warning, not an error: renaming an intent must not stop the bot from loading; the fact
            // is simply not offered for the old name until the knowledge file is updated.
            for intent in note.serves where !intentIDs.contains(intent) {
                diagnostics.append(
                    Diagnostic(
                        file: note.file, line: note.line, severity: .warning,
                        message: "it serves '\(intent)', which is no intent here; it is not offered for it"))
            }
            facts[index].serves = note.serves.filter(intentIDs.contains)
            facts[index].aspects = set(note.aspects, "aspect")
            facts[index].requires = set(note.requires, "required aspect")
            facts[index].yes = note.yes
            if note.leansOnPrevious, index > 0, case .article(let section, _) = facts[index].origin,
                case .article(let before, _) = facts[index - 1].origin, before == section
            {
                facts[index].previous = index - 1
            }
            if let pair = note.pair {
                if let other = factIndex[pair] {
                    facts[index].pair = other
                } else {
                    problem("its pair '\(pair)' is not a fact id")
                }
            }
        }
        for aspect in aspects {
            for id in aspect.instead where factIndex[id] == nil {
                diagnostics.append(
                    Diagnostic(
                        file: aspectsFile, line: nil,
                        message: "aspect '\(aspect.name)': 'instead' names '\(id)', which is not a fact id"))
            }
        }
        diagnostics += unreachable(facts, notes: notes, definitions: definitions, knowledge: knowledge)
        return (facts, diagnostics)
    }

    /// Facts no question can bring: in no intent's pages, and serving no intent through an aspect.
    private static func unreachable(
        _ facts: [Fact], notes: [Int: FactNote], definitions: [IntentDefinition], knowledge: KnowledgeBase
    ) -> [Diagnostic] {
        let composer = AnswerComposer(knowledge: knowledge, facts: facts)
        var inPages: Set<Int> = []
        for definition in definitions {
            guard case .knowledge(let pages) = definition.response else { continue }
            for page in pages {
                if case .success(let indices) = composer.resolve(page, file: definition.file) {
                    inPages.formUnion(indices)
                }
            }
        }
        var found: [Diagnostic] = []
        for index in inPages.sorted() {
            guard let note = notes[index], let reason = note.unused else { continue }
            found.append(
                Diagnostic(
                    file: note.file, line: note.line,
                    message: "an intent's answer quotes '\(facts[index].text.prefix(40))', marked unused: \(reason)"))
        }
        for (index, fact) in facts.enumerated() where !inPages.contains(index) && notes[index]?.unused == nil {
            let byAspect = !fact.serves.isEmpty && !(fact.aspects.isEmpty && fact.requires.isEmpty)
            guard !byAspect else { continue }
            let note = notes[index]
            found.append(
                Diagnostic(
                    file: note?.file ?? "", line: note?.line,
                    message:
                        "no question reaches '\(fact.text.prefix(40))': it is in no intent's answer, and has no aspect "
                        + "under an intent it serves"))
        }
        return found
    }
}
