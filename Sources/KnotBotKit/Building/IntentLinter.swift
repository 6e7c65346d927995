public import Foundation

/// Checks an intents folder the way `knotbot intents lint` reports it: the schema and answers (as
/// the compiler does), then what only a trained model shows: examples that classify as another
/// intent, examples shared by two intents, keywords two intents claim with equal weight, and
/// keywords that would match almost any question.
public enum IntentLinter {
    /// The findings, errors and warnings, in file and line order.
    public static func lint(folder: URL, knowledge: KnowledgeBase) throws(KnotBotError) -> [Diagnostic] {
        let files = try ModelCompiler.readIntentFiles(in: folder)
        let compilation = ModelCompiler.build(
            files: files, folder: folder.path, knowledge: knowledge, trainer: IntentTrainer())
        var findings = compilation.diagnostics
        findings += sharedExamples(compilation.definitions)
        if let model = compilation.model, let analyzer = compilation.analyzer {
            findings += misclassifiedExamples(compilation.definitions, model: model, analyzer: analyzer)
            findings += keywordClashes(compilation.definitions, analyzer: analyzer)
            findings += overbroadKeywords(compilation.definitions, analyzer: analyzer)
        }
        return Set(findings).sorted { ($0.file, $0.line ?? 0, $0.message) < ($1.file, $1.line ?? 0, $1.message) }
    }

    /// An example written into two intents teaches the classifier both ways.
    static func sharedExamples(_ definitions: [IntentDefinition]) -> [Diagnostic] {
        var owners: [String: (IntentDefinition, Located<String>)] = [:]
        var findings: [Diagnostic] = []
        for definition in definitions {
            for example in definition.examples {
                let key = TextAnalyzer.normalize(example.value)
                if let (other, first) = owners[key], other.id != definition.id {
                    findings.append(
                        Diagnostic(
                            file: definition.file, line: example.line,
                            message:
                                "example '\(example.value)' is also an example of intent '\(other.id)' (\(other.file):\(first.line ?? 0))"
                        ))
                } else if owners[key] == nil {
                    owners[key] = (definition, example)
                }
            }
        }
        return findings
    }

    /// Examples the trained model gives to another intent: the two intents overlap there.
    static func misclassifiedExamples(
        _ definitions: [IntentDefinition], model: BotModel, analyzer: TextAnalyzer
    ) -> [Diagnostic] {
        var findings: [Diagnostic] = []
        for definition in definitions {
            for example in definition.examples {
                let classification = model.classifier.classify(analyzer.analyze(example.value))
                guard let top = classification.top, top.intent != definition.id else { continue }
                let percent = Int((top.confidence * 100).rounded())
                findings.append(
                    Diagnostic(
                        file: definition.file, line: example.line, severity: .warning,
                        message:
                            "example '\(example.value)' of intent '\(definition.id)' classifies as '\(top.intent)' (\(percent)%)"
                    ))
            }
        }
        return findings
    }

    /// The same keyword with the same positive weight in two intents cancels out and only adds noise
    /// (equal negative weights are fine: both intents push the word away).
    static func keywordClashes(_ definitions: [IntentDefinition], analyzer: TextAnalyzer) -> [Diagnostic] {
        var claims: [[String]: [(IntentDefinition, IntentDefinition.Keyword, String)]] = [:]
        for definition in definitions {
            for keyword in definition.keywords {
                for phrase in [keyword.term] + keyword.synonyms {
                    let stems = analyzer.stems(ofPhrase: phrase)
                    guard !stems.isEmpty else { continue }
                    claims[stems, default: []].append((definition, keyword, phrase))
                }
            }
        }
        var findings: [Diagnostic] = []
        for (_, owners) in claims.sorted(by: { $0.key.joined(separator: " ") < $1.key.joined(separator: " ") }) {
            for (index, owner) in owners.enumerated() {
                for other in owners[(index + 1)...]
                where other.0.id != owner.0.id && other.1.weight == owner.1.weight && owner.1.weight > 0 {
                    findings.append(
                        Diagnostic(
                            file: other.0.file, line: other.1.line, severity: .warning,
                            message:
                                "keyword '\(other.2)' has the same weight (\(other.1.weight.formatted)) in intent '\(owner.0.id)' (\(owner.0.file):\(owner.1.line ?? 0)); give one of them more"
                        ))
                }
            }
        }
        return findings
    }

    /// A keyword whose stems are common to most intents' examples ("backed" stems to "back") fires
    /// on nearly every question.
    static func overbroadKeywords(_ definitions: [IntentDefinition], analyzer: TextAnalyzer) -> [Diagnostic] {
        var intentsUsing: [String: Set<String>] = [:]
        for definition in definitions {
            for example in definition.examples {
                for token in analyzer.analyze(example.value) where !token.isStopword {
                    intentsUsing[token.stem, default: []].insert(definition.id)
                }
            }
        }
        let limit = max(3, definitions.count / 3)
        var findings: [Diagnostic] = []
        for definition in definitions {
            for keyword in definition.keywords where keyword.weight > 0 {
                for phrase in [keyword.term] + keyword.synonyms {
                    let stems = analyzer.stems(ofPhrase: phrase)
                    guard stems.count == 1, let users = intentsUsing[stems[0]], users.count > limit else { continue }
                    findings.append(
                        Diagnostic(
                            file: definition.file, line: keyword.line, severity: .warning,
                            message:
                                "keyword '\(phrase)' stems to '\(stems[0])', which the examples of \(users.count) intents use; it will match almost any question"
                        ))
                }
            }
        }
        return findings
    }
}
