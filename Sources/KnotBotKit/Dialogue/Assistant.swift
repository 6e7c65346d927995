/// The bot at run time: a compiled model with its analyzer, red-flag detector and dialogue engine.
public struct Assistant: Sendable {
    public let model: BotModel
    public let engine: DialogueEngine
    public let analyzer: TextAnalyzer
    public let detector: RedFlagDetector

    public init(
        model: BotModel, threshold: Double? = nil, margin: Double? = nil
    ) {
        self.model = model
        self.engine = DialogueEngine(model: model, confidenceThreshold: threshold, clarificationMargin: margin)
        self.analyzer = TextAnalyzer(
            lexicon: model.lexicon, stemmer: Stemmer(), vocabulary: model.vocabulary,
            corrector: TypoCorrector(targets: model.typoTargets))
        self.detector = RedFlagDetector(rules: model.redFlags)
    }

    /// Analyses an utterance: safety first, then the classifier.
    public func understand(_ utterance: Utterance) -> Understanding {
        let tokens = analyzer.analyze(utterance.text)
        let questions = QuestionFinder.questions(in: tokens, text: utterance.text, settings: model.dialogue)
        return Understanding(
            utterance: utterance, tokens: tokens, safety: detector.assess(tokens),
            classification: model.classifier.classify(
                tokens, emphasis: questions, weight: Float(model.dialogue.questionWeight)),
            questions: questions)
    }

    /// One turn: what the bot replies to `text` in `state`, and the state after it.
    public func respond(to text: String, in state: DialogueState) -> (reply: Reply, state: DialogueState) {
        respond(to: Utterance(text), in: state)
    }

    public func respond(to utterance: Utterance, in state: DialogueState) -> (reply: Reply, state: DialogueState) {
        var understanding = understand(utterance)
        // A condition told earlier ("my mum has osteoporosis") and a symptom told now ("she slipped
        // in the kitchen") make one warning sign: read together, they raise what neither raises alone.
        if understanding.redFlags.isEmpty, !state.carried.isEmpty {
            let joined = detector.assess(analyzer.analyze((state.carried + [utterance.text]).joined(separator: ".\n")))
            if !joined.raised.isEmpty { understanding.safety.raised = joined.raised }
        }
        // Crisis talk in words no concept holds: when the rules raised nothing, the learned model may
        // raise the crisis tier. It never replaces a warning sign the rules found, whose tier and advice
        // stay theirs.
        if let crisis = model.crisisLanguage, understanding.redFlags.isEmpty,
            let flag = model.redFlags.flags.first(where: { $0.tier == .crisis }), crisis.isCrisis(understanding.tokens)
        {
            understanding.safety.raised.insert(RedFlagMatch(flag: flag, matchedPhrases: ["crisis language"]), at: 0)
        }
        var (reply, next) = engine.step(state, understanding)
        if understanding.redFlags.isEmpty, understanding.safety.carries {
            next.carried = Array((next.carried + [utterance.text]).suffix(DialogueState.carriedLimit))
        } else if !understanding.redFlags.isEmpty {
            next.carried = []
        }
        return (reply, next)
    }
}
