import Yams

/// Loads `red-flags.yaml`: concepts stemmed with the same analyzer the utterances go through, flags
/// as rules over them, and each flag's examples and near-misses for the compiler to check.
public enum RedFlagLoader {
    /// A text a flag must raise (an example), must raise about someone else, or that must raise
    /// nothing (a near-miss), and the file it is written in.
    public struct Check: Sendable, Hashable {
        /// What a check's text must do.
        public enum Expectation: String, Sendable, Hashable {
            /// Raise the flag, about whoever it is.
            case raises = "examples"
            /// Raise the flag about someone other than the person typing ("my husband fell").
            case raisesAboutSomeoneElse = "about-others"
            /// Raise no flag at all.
            case raisesNothing = "near-misses"
        }

        public var flag: String
        public var text: Located<String>
        public var expectation: Expectation
        public var file: String

        /// Whether the text must raise its flag (about anyone).
        public var mustRaise: Bool { expectation != .raisesNothing }

        /// What is wrong with a detector's assessment of the text, or nil when it holds.
        public func failure(_ raised: [RedFlagMatch]) -> String? {
            switch expectation {
            case .raises, .raisesAboutSomeoneElse:
                guard let found = raised.first(where: { $0.flag.id == flag }) else {
                    let got = raised.isEmpty ? "nothing" : raised.map(\.flag.id).joined(separator: ", ")
                    return "example of '\(flag)' does not raise it (raises \(got))"
                }
                if expectation == .raisesAboutSomeoneElse, found.experiencer != .other {
                    return "example of '\(flag)' about someone else raises it about \(found.experiencer.rawValue)"
                }
                return nil
            case .raisesNothing:
                guard let first = raised.first else { return nil }
                return "near-miss of '\(flag)' raises '\(first.flag.id)' from "
                    + first.matchedPhrases.map { "'\($0)'" }.joined(separator: " + ")
            }
        }
    }

    /// The folder of an intents folder that holds more checks of the flags, in files of their own.
    public static let checksFolder = "red-flag-checks"

    /// The rules, and the checks written beside them.
    public struct Loaded: Sendable {
        public var rules: RedFlagRules
        public var checks: [Check]
    }

    /// Words a gap ("...") skips when the file does not say (`gap:`); "...6" names its own, up to
    /// `maximumGap`, since a longer reach crosses into the next idea of a sentence.
    static let defaultGap = 3
    static let maximumGap = 8

    public static func load(_ file: DataFile, analyzer: TextAnalyzer) throws(KnotBotError) -> RedFlagRules {
        try read(file, analyzer: analyzer).rules
    }

    public static func read(_ file: DataFile, analyzer: TextAnalyzer) throws(KnotBotError) -> Loaded {
        var reader = YAMLReader(path: file.path)
        var rules = RedFlagRules(
            negationCues: [], negationWindow: 4, negationBreaks: [], concepts: [], roles: [:], advice: [:],
            safetyNet: "", selfTreatmentRefusal: "", flags: [])
        var checks: [Check] = []
        let keys: Set<String> = [
            "sources", "negation", "gap-stops", "context", "concepts", "tiers", "safety-net", "self-treatment-refusal",
            "someone-else-words", "reply-intent", "warning-doubted", "doubt-words",
            "flags",
        ]
        if let root = reader.root(of: file.text),
            let top = reader.mapping(
                root, what: "the red flags", allowed: keys.union(["gap", "carried"]), required: keys.sorted())
        {
            var sources: [String: String] = [:]
            if let node = top["sources"], let entries = reader.mapping(node, what: "sources", allowed: nil) {
                for (key, value) in entries {
                    if let text = reader.text(value, what: "source '\(key)'") { sources[key] = text.value }
                }
            }
            readNegation(top["negation"], into: &rules, reader: &reader)
            if let node = top["gap-stops"], let words = reader.textList(node, what: "gap-stops") {
                rules.gapStops = WordSet(words.map { TextAnalyzer.normalize($0.value) })
            }
            var gap = defaultGap
            if let node = top["gap"],
                let value = reader.number(node, what: "gap", in: 1...Double(maximumGap)), value == value.rounded()
            {
                gap = Int(value)
            }
            let names = readConcepts(top["concepts"], gap: gap, into: &rules, analyzer: analyzer, reader: &reader)
            readContext(top["context"], names: names, into: &rules, reader: &reader)
            if let node = top["carried"], let carried = reader.textList(node, what: "carried") {
                for name in carried {
                    guard let number = names[name.value] else {
                        reader.error("carried names '\(name.value)', which is not a concept", line: name.line)
                        continue
                    }
                    rules.carried.append(number)
                }
            }
            readTiers(top["tiers"], into: &rules, reader: &reader)
            if let node = top["reply-intent"], let text = reader.text(node, what: "reply-intent") {
                rules.replyIntent = text.value
            }
            if let node = top["safety-net"], let text = reader.text(node, what: "safety-net") {
                rules.safetyNet = text.value
            }
            if let node = top["self-treatment-refusal"], let text = reader.text(node, what: "self-treatment-refusal") {
                if !text.value.contains("{symptoms}") {
                    reader.error("self-treatment-refusal must name the symptoms with {symptoms}", line: text.line)
                }
                rules.selfTreatmentRefusal = text.value
            }
            if let node = top["warning-doubted"], let text = reader.text(node, what: "warning-doubted") {
                if !text.value.contains("{symptoms}") {
                    reader.error("warning-doubted must name the symptoms with {symptoms}", line: text.line)
                }
                rules.warningDoubted = text.value
            }
            if let node = top["doubt-words"], let words = reader.textList(node, what: "doubt-words") {
                rules.doubtWords = WordSet(words.map { TextAnalyzer.normalize($0.value) })
            }
            if let node = top["someone-else-words"],
                let words = reader.mapping(node, what: "someone-else-words", allowed: nil)
            {
                for (word, value) in words {
                    if let replacement = reader.text(value, what: "someone-else-words '\(word)'") {
                        rules.someoneElseWords[word.lowercased()] = replacement.value
                    }
                }
            }
            readFlags(
                top["flags"], names: names, sources: sources, into: &rules, checks: &checks, reader: &reader)
        }
        if reader.hasErrors {
            throw .invalidData(reader.diagnostics.filter { $0.severity == .error })
        }
        return Loaded(rules: rules, checks: checks)
    }

    /// Reads a file of `red-flag-checks/`: for each flag by id, texts it must raise (`examples`),
    /// must raise about someone else (`about-others`) and that must raise nothing (`near-misses`).
    ///
    /// The checks of one idea (a concept's words, a way of telling who) live together in a file of
    /// their own, so `red-flags.yaml` keeps to the rules and a few examples beside each flag.
    public static func readChecks(_ file: DataFile, flags: Set<String>) throws(KnotBotError) -> [Check] {
        var reader = YAMLReader(path: file.path)
        var checks: [Check] = []
        let expectations = [Check.Expectation.raises, .raisesAboutSomeoneElse, .raisesNothing]
        if let root = reader.root(of: file.text),
            let top = reader.mapping(root, what: "a file of red-flag checks", allowed: nil)
        {
            // Each flag's key, for the line of a flag that does not exist.
            var keys: [String: Node] = [:]
            if case .mapping(let mapping) = root {
                for key in mapping.keys { if let name = key.string { keys[name] = key } }
            }
            for (id, node) in top.sorted(by: { $0.key < $1.key }) {
                guard flags.contains(id) else {
                    let known = flags.sorted().joined(separator: ", ")
                    reader.error(
                        "no flag is called '\(id)' (flags: \(known))", line: YAMLReader.line(of: keys[id] ?? node))
                    continue
                }
                guard
                    let fields = reader.mapping(
                        node, what: "the checks of '\(id)'", allowed: Set(expectations.map(\.rawValue)))
                else { continue }
                for expectation in expectations {
                    guard let list = fields[expectation.rawValue] else { continue }
                    let texts = reader.textList(list, what: "\(expectation.rawValue) of '\(id)'") ?? []
                    checks += texts.map { Check(flag: id, text: $0, expectation: expectation, file: file.path) }
                }
            }
        }
        if reader.hasErrors {
            throw .invalidData(reader.diagnostics.filter { $0.severity == .error })
        }
        return checks.sorted { ($0.text.line ?? 0) < ($1.text.line ?? 0) }
    }

    private static func readNegation(_ node: Node?, into rules: inout RedFlagRules, reader: inout YAMLReader) {
        guard let node,
            let fields = reader.mapping(
                node, what: "negation", allowed: ["cues", "window", "breaks", "answers", "inability"],
                required: ["cues", "window"])
        else { return }
        let cues = fields["cues"].flatMap { reader.textList($0, what: "negation cues") } ?? []
        rules.negationCues = WordSet(cues.map { TextAnalyzer.normalize($0.value) })
        if rules.negationCues.contains("cannot") {
            reader.error(
                "'cannot' must not be a negation cue: it is part of symptoms such as 'cannot feel'",
                line: cues.first { $0.value == "cannot" }?.line)
        }
        if let window = fields["window"].flatMap({ reader.number($0, what: "negation window", in: 1...10) }) {
            rules.negationWindow = Int(window)
        }
        let breaks = fields["breaks"].flatMap { reader.textList($0, what: "negation breaks") } ?? []
        rules.negationBreaks = WordSet(breaks.map { TextAnalyzer.normalize($0.value) })
        let answers = fields["answers"].flatMap { reader.textList($0, what: "negation answers") } ?? []
        for answer in answers where !rules.negationCues.contains(TextAnalyzer.normalize(answer.value)) {
            reader.error("negation answer '\(answer.value)' is not one of the negation cues", line: answer.line)
        }
        rules.answerCues = WordSet(answers.map { TextAnalyzer.normalize($0.value) })
        let inability = fields["inability"].flatMap { reader.textList($0, what: "negation inability words") } ?? []
        rules.inabilityWords = WordSet(inability.map { TextAnalyzer.normalize($0.value) })
    }

    /// Reads every concept, orders them so each comes after the concepts it refers to, and returns
    /// their numbers by name.
    private static func readConcepts(
        _ node: Node?, gap: Int, into rules: inout RedFlagRules, analyzer: TextAnalyzer, reader: inout YAMLReader
    ) -> [String: Int] {
        guard let node, let entries = reader.mapping(node, what: "concepts", allowed: nil) else { return [:] }
        var written: [String: [Located<String>]] = [:]
        var lines: [String: Int?] = [:]
        for (name, value) in entries {
            guard let list = reader.textList(value, what: "concept '\(name)'") else { continue }
            if list.isEmpty { reader.error("concept '\(name)' has no patterns", line: YAMLReader.line(of: value)) }
            written[name] = list
            lines[name] = YAMLReader.line(of: value)
        }
        // Depth-first order over references; a cycle or an unknown name is an error at its pattern.
        var order: [String] = []
        var state: [String: Bool] = [:]  // false: being visited, true: done
        func visit(_ name: String, reader: inout YAMLReader) {
            if state[name] == true { return }
            state[name] = false
            for pattern in written[name] ?? [] {
                for word in pattern.value.split(separator: " ") where word.hasPrefix("@") {
                    let target = String(word.dropFirst())
                    if written[target] == nil {
                        reader.error(
                            "concept '\(name)' refers to '\(target)', which is not a concept", line: pattern.line)
                    } else if state[target] == false {
                        reader.error(
                            "concept '\(name)' refers to '\(target)', which refers back to it", line: pattern.line)
                    } else {
                        visit(target, reader: &reader)
                    }
                }
            }
            state[name] = true
            order.append(name)
        }
        for name in written.keys.sorted() { visit(name, reader: &reader) }
        let numbers = Dictionary(uniqueKeysWithValues: order.enumerated().map { ($1, $0) })
        rules.concepts = order.map { name in
            let patterns = (written[name] ?? []).compactMap { pattern in
                parse(pattern, concept: name, gap: gap, numbers: numbers, analyzer: analyzer, reader: &reader)
            }
            return RedFlagRules.Concept(name: name, patterns: patterns)
        }
        return numbers
    }

    /// One pattern: words (stemmed), `word*` prefixes, `@concept`, `...` gaps, `!word` and `$`.
    private static func parse(
        _ pattern: Located<String>, concept: String, gap: Int, numbers: [String: Int], analyzer: TextAnalyzer,
        reader: inout YAMLReader
    ) -> RedFlagRules.Pattern? {
        var elements: [RedFlagRules.Element] = []
        var words: [String] = []
        func flushWords() {
            if !words.isEmpty { elements += analyzer.stems(ofPhrase: words.joined(separator: " ")).map { .stem($0) } }
            words = []
        }
        for part in pattern.value.split(separator: " ").map(String.init) {
            if part.hasPrefix("..."), let most = part == "..." ? gap : Int(part.dropFirst(3)), most > 0 {
                flushWords()
                elements.append(.gap(min(most, maximumGap)))
            } else if part == "$" {
                flushWords()
                elements.append(.clauseEnd)
            } else if part.hasPrefix("@") {
                flushWords()
                guard let number = numbers[String(part.dropFirst())] else { return nil }
                elements.append(.concept(number))
            } else if part.hasPrefix("!") {
                flushWords()
                guard let stem = analyzer.stems(ofPhrase: String(part.dropFirst())).first else {
                    reader.error("'\(part)' in concept '\(concept)' needs a word after '!'", line: pattern.line)
                    return nil
                }
                elements.append(.notFollowedBy(stem))
            } else if part.hasSuffix("*") {
                flushWords()
                let letters = TextAnalyzer.normalize(String(part.dropLast()))
                guard letters.count >= PatternStarts.prefixLength,
                    letters.unicodeScalars.allSatisfy({ $0.properties.isAlphabetic || $0.properties.numericType != nil }
                    )
                else {
                    reader.error(
                        "prefix '\(part)' in concept '\(concept)' needs at least "
                            + "\(PatternStarts.prefixLength) letters or digits before '*'", line: pattern.line)
                    return nil
                }
                elements.append(.prefix(letters))
            } else {
                words.append(part)
            }
        }
        flushWords()
        let matchesWords = elements.contains {
            switch $0 {
            case .stem, .prefix, .concept: true
            default: false
            }
        }
        guard matchesWords, let first = elements.first, let last = elements.last else {
            reader.error("pattern '\(pattern.value)' of concept '\(concept)' matches no word", line: pattern.line)
            return nil
        }
        switch first {
        case .gap, .notFollowedBy, .clauseEnd:
            reader.error(
                "pattern '\(pattern.value)' of concept '\(concept)' must begin with a word or a concept",
                line: pattern.line)
            return nil
        default: break
        }
        if case .gap = last {
            reader.error("pattern '\(pattern.value)' of concept '\(concept)' ends with a gap", line: pattern.line)
            return nil
        }
        return RedFlagRules.Pattern(text: pattern.value, elements: elements)
    }

    private static func readContext(
        _ node: Node?, names: [String: Int], into rules: inout RedFlagRules, reader: inout YAMLReader
    ) {
        let roles = RedFlagRules.Role.allCases.map(\.rawValue)
        guard let node, let fields = reader.mapping(node, what: "context", allowed: Set(roles), required: roles)
        else { return }
        for (key, value) in fields {
            guard let role = RedFlagRules.Role(rawValue: key), let name = reader.text(value, what: "context '\(key)'")
            else { continue }
            guard let number = names[name.value] else {
                reader.error("context '\(key)' names '\(name.value)', which is not a concept", line: name.line)
                continue
            }
            rules.roles[role] = number
        }
    }

    private static func readTiers(_ node: Node?, into rules: inout RedFlagRules, reader: inout YAMLReader) {
        let names = Set(RedFlagRules.Tier.allCases.map(\.rawValue))
        guard let node, let tiers = reader.mapping(node, what: "tiers", allowed: names, required: names.sorted())
        else { return }
        for (name, value) in tiers {
            guard let tier = RedFlagRules.Tier(rawValue: name),
                let fields = reader.mapping(
                    value, what: "tier '\(name)'", allowed: ["advice", "advice-for-someone-else"],
                    required: ["advice", "advice-for-someone-else"]),
                let user = fields["advice"].flatMap({ reader.text($0, what: "advice of tier '\(name)'") }),
                let other = fields["advice-for-someone-else"].flatMap({
                    reader.text($0, what: "advice-for-someone-else of tier '\(name)'")
                })
            else { continue }
            rules.advice[tier] = RedFlagRules.Advice(user: user.value, other: other.value)
        }
    }

    private static func readFlags(
        _ node: Node?, names: [String: Int], sources sourceKeys: [String: String], into rules: inout RedFlagRules,
        checks: inout [Check], reader: inout YAMLReader
    ) {
        guard let node, let items = reader.list(node, what: "flags") else { return }
        var ids: Set<String> = []
        let required = ["id", "tier", "symptom", "sources", "when", "examples", "near-misses"]
        let allowed = Set(required + ["unless", "scope", "timeless", "for", "any-person"])
        for item in items {
            guard let fields = reader.mapping(item, what: "a flag", allowed: allowed, required: required),
                let id = fields["id"].flatMap({ reader.text($0, what: "a flag's id") }),
                let tierText = fields["tier"].flatMap({ reader.text($0, what: "tier of flag '\(id.value)'") }),
                let symptom = fields["symptom"].flatMap({ reader.text($0, what: "symptom of flag '\(id.value)'") }),
                let sources = fields["sources"].flatMap({ reader.textList($0, what: "sources of flag '\(id.value)'") }),
                let whenNode = fields["when"], let whenItems = reader.list(whenNode, what: "when of '\(id.value)'")
            else { continue }
            if !ids.insert(id.value).inserted {
                reader.error("flag id '\(id.value)' is used twice", line: id.line)
            }
            guard let tier = RedFlagRules.Tier(rawValue: tierText.value) else {
                reader.error("tier of flag '\(id.value)' must be crisis, emergency or urgent", line: tierText.line)
                continue
            }
            if sources.isEmpty {
                reader.error("flag '\(id.value)' must cite at least one source", line: id.line)
            }
            let cited = sources.compactMap { key -> String? in
                guard let source = sourceKeys[key.value] else {
                    reader.error(
                        "flag '\(id.value)' cites '\(key.value)', which is not a key of 'sources'", line: key.line)
                    return nil
                }
                return source
            }
            func concepts(_ list: [Located<String>]) -> [Int] {
                list.compactMap { name in
                    guard let number = names[name.value] else {
                        reader.error("flag '\(id.value)' uses '\(name.value)', which is not a concept", line: name.line)
                        return nil
                    }
                    return number
                }
            }
            var when: [RedFlagRules.Rule] = []
            for item in whenItems {
                // A set is a list of concepts, or {all: [...], scope: message} for a scope of its own.
                var set = item
                var scope: RedFlagRules.Scope?
                if case .mapping = item,
                    let fields = reader.mapping(
                        item, what: "a set of 'when' of '\(id.value)'", allowed: ["all", "scope"], required: ["all"]),
                    let all = fields["all"]
                {
                    set = all
                    if let node = fields["scope"], let text = reader.text(node, what: "scope of a set of '\(id.value)'")
                    {
                        scope = RedFlagRules.Scope(rawValue: text.value)
                        if scope == nil {
                            reader.error("scope of a set of '\(id.value)' must be sentence or message", line: text.line)
                        }
                    }
                }
                guard let list = reader.textList(set, what: "a set of 'when' of '\(id.value)'") else { continue }
                // "-name" in a set is an exception to that set alone.
                let exceptions = list.filter { $0.value.hasPrefix("-") }.map {
                    Located(String($0.value.dropFirst()), line: $0.line)
                }
                let required = list.filter { !$0.value.hasPrefix("-") }
                if required.isEmpty {
                    reader.error(
                        "a set of 'when' of '\(id.value)' names no concept to find", line: YAMLReader.line(of: set))
                }
                when.append(
                    RedFlagRules.Rule(concepts: concepts(required), except: concepts(exceptions), scope: scope))
            }
            if when.isEmpty { reader.error("flag '\(id.value)' has no 'when'", line: YAMLReader.line(of: whenNode)) }
            var flag = RedFlagRules.Flag(
                id: id.value, tier: tier, symptom: symptom.value, sources: cited, when: when)
            if let node = fields["unless"], let list = reader.textList(node, what: "unless of '\(id.value)'") {
                flag.unless = concepts(list)
            }
            if let node = fields["scope"], let text = reader.text(node, what: "scope of '\(id.value)'") {
                if let scope = RedFlagRules.Scope(rawValue: text.value) {
                    flag.scope = scope
                } else {
                    reader.error("scope of '\(id.value)' must be sentence or message", line: text.line)
                }
            }
            if let node = fields["timeless"], let value = reader.bool(node, what: "timeless of '\(id.value)'") {
                flag.timeless = value
            }
            if let node = fields["any-person"], let value = reader.bool(node, what: "any-person of '\(id.value)'") {
                flag.anyPerson = value
            }
            if let node = fields["for"], let list = reader.textList(node, what: "for of '\(id.value)'") {
                flag.experiencers = list.compactMap { name in
                    guard let experiencer = RedFlagRules.Experiencer(rawValue: name.value) else {
                        reader.error(
                            "'for' of '\(id.value)' takes user, other, family or general, not '\(name.value)'",
                            line: name.line)
                        return nil
                    }
                    return experiencer
                }
            }
            for expectation in [Check.Expectation.raises, .raisesNothing] {
                let key = expectation.rawValue
                guard let node = fields[key], let list = reader.textList(node, what: "\(key) of '\(id.value)'")
                else { continue }
                if list.isEmpty { reader.error("flag '\(id.value)' has no \(key)", line: YAMLReader.line(of: node)) }
                checks += list.map { Check(flag: id.value, text: $0, expectation: expectation, file: reader.path) }
            }
            rules.flags.append(flag)
        }
    }
}
