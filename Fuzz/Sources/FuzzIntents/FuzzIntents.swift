import FuzzSupport
import KnotBotKit

/// Fixed phrases run through the analyzers and detectors a fuzzed file builds, to use what it built.
private let probes = [
    "what causes muscle knots?", "I fell off a ladder and can't feel my legs", "no fever, but I wet myself",
    "how do I release a knot with a tennis ball", "thx, bye",
]

/// The intent trainer, cut to a few steps: the target is the data, not the optimiser, and the full
/// 300 steps would dominate every input.
private let quickTrainer = {
    var trainer = IntentTrainer()
    trainer.iterations = 3
    return trainer
}()

/// Compiles the model before the first input, so its cost is not timed as an input.
@_cdecl("LLVMFuzzerInitialize")
public func fuzzerInitialize(
    _ argc: UnsafeMutablePointer<CInt>?,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>?
) -> CInt {
    Fixture.warmUp()
    return 0
}

/// Reads one input as an intent file, and as the lexicon, red flags or supplement when it names
/// their keys; a bad file must come back as diagnostics, never a crash or a silent refusal.
///
/// Each loader parses the YAML afresh, so only the loaders whose top-level keys occur in the text
/// run; a mutation that adds such a key brings in its loader. `ModelCompiler.compile` is left out:
/// it trains the classifier over every intent, far too slow per input.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzIntents(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let text = FuzzInput.text(data, size)
    readIntent(text)
    if text.contains("rewrites") || text.contains("stopwords") { readLexicon(text) }
    if text.contains("negation") || text.contains("tiers") || text.contains("flags") { readRedFlags(text) }
    if text.contains("gaps") { readSupplement(text) }
    return 0
}

/// Reads the text as `Intents/<id>.yaml`, then composes its answers and trains on its examples.
private func readIntent(_ text: String) {
    let file = DataFile(path: "Intents/\(intentID(in: text)).yaml", text: text)
    var diagnostics: [Diagnostic] = []
    let definition = IntentLoader.read(file, diagnostics: &diagnostics)
    DiagnosticChecks.requireWellFormed(diagnostics, file: file, "IntentLoader.read")
    let hasErrors = diagnostics.contains { $0.severity == .error }
    guard let definition else {
        require(hasErrors, "IntentLoader.read refused a file without saying why")
        return
    }
    require(!hasErrors, "IntentLoader.read returned a definition despite errors")
    require(
        !definition.topic.isEmpty && !definition.summary.isEmpty && !definition.examples.isEmpty,
        "IntentLoader.read returned a definition without a topic, summary or example")
    require(
        definition.keywords.allSatisfy { (-5...5).contains($0.weight) },
        "IntentLoader.read let a keyword weight outside -5...5 through")
    if case .knowledge(let pages) = definition.response {
        require(!pages.isEmpty && pages.allSatisfy { !$0.isEmpty }, "a knowledge answer has an empty page")
        let composer = AnswerComposer(knowledge: Fixture.model.knowledge)
        for page in pages {
            switch composer.compose(page, file: file.path) {
            case .success(let composed):
                require(
                    !composed.text.isEmpty && composed.text.count <= AnswerComposer.maximumLength,
                    "AnswerComposer.compose gave a \(composed.text.count)-character page")
            case .failure(let error):
                DiagnosticChecks.requireReported(error, file: file, "AnswerComposer.compose")
            }
        }
    }
    let classifier = quickTrainer.train([definition], analyzer: Fixture.assistant.analyzer)
    for probe in probes + definition.examples.prefix(3).map(\.value) {
        let classification = classifier.classify(Fixture.assistant.analyzer.analyze(probe))
        require(
            classification.ranking.allSatisfy { $0.confidence.isFinite && (0...1).contains($0.confidence) },
            "a classifier trained on the file gives a confidence outside 0...1")
    }
}

/// The file name the text's own `intent:` line asks for, so the loader's "named like its file" check
/// passes and the code behind a valid definition is reached; "fuzz" when there is no usable line.
private func intentID(in text: String) -> String {
    for line in text.split(separator: "\n") where line.hasPrefix("intent:") {
        let id = line.dropFirst("intent:".count).trimmingPrefix(while: { $0 == " " })
        let usable = id.utf8.allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"),
                UInt8(ascii: "-"):
                true
            default: false
            }
        }
        return usable && !id.isEmpty && id.utf8.count <= 64 ? String(id) : "fuzz"
    }
    return "fuzz"
}

/// Reads the text as `lexicon.yaml`, then analyses the probes with it.
private func readLexicon(_ text: String) {
    let file = DataFile(path: "Intents/lexicon.yaml", text: text)
    let lexicon: Lexicon
    do {
        lexicon = try LexiconLoader.load(file)
    } catch {
        DiagnosticChecks.requireReported(error, file: file, "LexiconLoader.load")
        return
    }
    let analyzer = TextAnalyzer(lexicon: lexicon, stemmer: Fixture.assistant.analyzer.stemmer)
    for probe in probes + lexicon.rewrites.keys.sorted().prefix(8) {
        _ = analyzer.analyze(probe)
    }
}

/// Reads the text as `red-flags.yaml`, then runs a detector built from it over the probes and over
/// its own first patterns.
private func readRedFlags(_ text: String) {
    let file = DataFile(path: "Intents/red-flags.yaml", text: text)
    // The analyzer the compiler stems red-flag phrases with: the lexicon, no typo repair.
    let analyzer = TextAnalyzer(lexicon: Fixture.model.lexicon, stemmer: Fixture.assistant.analyzer.stemmer)
    let rules: RedFlagRules
    do {
        rules = try RedFlagLoader.load(file, analyzer: analyzer)
    } catch {
        DiagnosticChecks.requireReported(error, file: file, "RedFlagLoader.load")
        return
    }
    require((1...10).contains(rules.negationWindow), "RedFlagLoader.load let a window outside 1...10 through")
    let detector = RedFlagDetector(rules: rules)
    // Each flag's first rule, spelled with the first pattern of each of its concepts.
    let ownPhrases = rules.flags.prefix(16).compactMap { flag -> String? in
        flag.when.first.map { rule in
            rule.concepts.compactMap { rules.concepts[$0].patterns.first?.text }.joined(separator: " ")
        }
    }
    for probe in probes + ownPhrases {
        for match in detector.detect(analyzer.analyze(probe)) {
            require(rules.flags.contains { $0.id == match.flag.id }, "RedFlagDetector matched a flag it was not given")
        }
    }
}

/// Reads the text as `Knowledge/supplement.yaml` against the model's article.
private func readSupplement(_ text: String) {
    let file = DataFile(path: "Knowledge/supplement.yaml", text: text)
    do {
        let knowledge = try SupplementLoader.load(file, article: Fixture.model.knowledge.article)
        require(
            knowledge.facts.allSatisfy { !$0.text.isEmpty && !$0.sources.isEmpty },
            "SupplementLoader.load gave a fact without text or sources")
    } catch {
        DiagnosticChecks.requireReported(error, file: file, "SupplementLoader.load")
    }
}
