import Testing

@testable import KnotBotKit

/// The flat indexes the model is read through: filed once at build time, looked up on every turn.
@Suite("Model indexes")
struct ModelIndexTests {
    @Test("a word index files numbers under sorted keys and keeps each key's numbers in order")
    func wordIndex() {
        let index = WordIndex([("numb", 4), ("back", 2), ("numb", 1), ("ache", 7), ("back", 0)])
        #expect(Array(index.keys) == ["ache", "back", "numb"])
        #expect(Array(index.numbers(for: "numb")) == [4, 1])
        #expect(Array(index.numbers(for: "back")) == [2, 0])
        #expect(index.numbers(for: "knot").isEmpty)
        #expect(WordIndex([]).numbers(for: "back").isEmpty)
    }

    @Test("a word index from an archive whose runs do not fit its numbers is refused")
    func corruptWordIndex() {
        let keys = WordSet(["a", "b"])
        #expect(WordIndex(keys: keys, starts: [0, 1, 2], numbers: [5, 6]) != nil)
        #expect(WordIndex(keys: keys, starts: [0, 1], numbers: [5, 6]) == nil)
        #expect(WordIndex(keys: keys, starts: [0, 2, 1], numbers: [5, 6]) == nil)
        #expect(WordIndex(keys: keys, starts: [0, 1, 3], numbers: [5, 6]) == nil)
    }

    @Test("a phrase table finds each owner once, in order, across gaps and shared first stems")
    func phraseTable() {
        let table = PhraseTable([
            (owner: 2, stems: ["knot", "back"]),
            (owner: 0, stems: ["why", Aspect.gap, "hurt"]),
            (owner: 1, stems: ["knot"]),
            (owner: 3, stems: []),
            (owner: 2, stems: ["heat"]),
        ])
        #expect(table.count == 4)
        #expect(table.matchedOwners(in: ["why", "does", "my", "knot", "hurt"]) == [0, 1])
        #expect(table.matchedOwners(in: ["knot", "back", "heat"]) == [1, 2])
        #expect(table.matchedOwners(in: ["why", "a", "b", "c", "d", "e", "hurt"]).isEmpty)
        #expect(table.matchedOwners(in: []).isEmpty)
        #expect((0..<table.count).map(table.phrase) == [["heat"], ["knot"], ["knot", "back"], ["why", "", "hurt"]])
    }

    @Test("phrases sharing a first stem are tried by their second: one stem, gap, or the next word")
    func sharedFirstStem() {
        let table = PhraseTable([
            (owner: 0, stems: ["what", "caus"]),
            (owner: 1, stems: ["what", "is", "knot"]),
            (owner: 2, stems: ["what", Aspect.gap, "caus"]),
            (owner: 3, stems: ["what"]),
            (owner: 4, stems: ["what", "is", "trigger"]),
            (owner: 5, stems: ["what", "caus", "pain"]),
        ])
        #expect(table.matchedOwners(in: ["what", "caus", "pain"]) == [0, 2, 3, 5])
        #expect(table.matchedOwners(in: ["what", "is", "a", "knot"]) == [3])
        #expect(table.matchedOwners(in: ["what", "is", "knot"]) == [1, 3])
        #expect(table.matchedOwners(in: ["so", "what", "usually", "caus", "it"]) == [2, 3])
        #expect(table.matchedOwners(in: ["what"]) == [3])
    }

    @Test("a phrase table from an archive with offsets, owners or filing out of range is refused")
    func corruptPhraseTable() {
        let vocabulary = WordSet(["a", "b", "c"])
        func table(ends: [Int32], owners: [Int32], starts: [Int32] = [0, 1, 2, 2]) -> PhraseTable? {
            PhraseTable(
                vocabulary: vocabulary, stemIDs: NumberTable([0, 1, 2]), ends: ends, owners: owners, ownerBound: 2,
                firstStarts: starts)
        }
        #expect(table(ends: [1, 3], owners: [0, 1]) == PhraseTable([(0, ["a"]), (1, ["b", "c"])]))
        #expect(table(ends: [1, 4], owners: [0, 1]) == nil)
        #expect(table(ends: [1, 1, 3], owners: [0, 1, 1]) == nil)
        #expect(table(ends: [1, 3], owners: [0, 2]) == nil)
        #expect(table(ends: [3], owners: [0, 0]) == nil)
        #expect(table(ends: [1, 3], owners: [0, 1], starts: [0, 2, 1, 2]) == nil)  // a run going back
        #expect(table(ends: [1, 3], owners: [0, 1], starts: [0, 1, 3, 3]) == nil)  // past the phrases
        #expect(table(ends: [1, 3], owners: [0, 1], starts: [0, 1, 2]) == nil)  // fewer runs than stems
    }

    @Test("stem numbers past the vocabulary make a phrase miss, never crash")
    func phraseStemOutOfRange() throws {
        let table = try #require(
            PhraseTable(
                vocabulary: WordSet(["a", "b"]), stemIDs: NumberTable([0, 1, 9]), ends: [1, 3], owners: [0, 1],
                ownerBound: 2, firstStarts: [0, 1, 2]))
        #expect(table.matchedOwners(in: ["a", "b", "b"]) == [0])
        #expect(table.phrase(1) == ["b", ""])
    }

    @Test("small-talk phrases are found where they open, first in their own order; gaps and empty ones never")
    func smallTalkPhrases() {
        let phrases = SmallTalkPhrases([
            ["thank"], ["thank", "you"], ["hi"], ["hi", Aspect.gap, "all"], [], ["cheer"],
        ])
        #expect(phrases.phrases == [["thank"], ["thank", "you"], ["hi"], ["cheer"]])
        #expect(phrases.opens("thank") && phrases.opens("cheer") && !phrases.opens("you") && !phrases.opens(""))
        let stems = ["thank", "you", "doe", "heat", "help", "thank"]
        #expect(Array(phrases.matches(in: stems, at: 0)) == [0, 1])
        #expect(phrases.firstMatch(in: stems, at: 0) == 0)
        // At the last word only the one-word phrase fits; past the end nothing does.
        #expect(Array(phrases.matches(in: stems, at: 5)) == [0])
        #expect(phrases.firstMatch(in: stems, at: 6) == nil)
        #expect(phrases.firstMatch(in: stems, at: 2) == nil)
    }

    @Test("a word set's slots find every word and nothing else; damaged slots only make lookups miss")
    func wordSetSlots() throws {
        let words = (0..<300).map { "w\($0)" } + ["", "é", "back pain"]
        let set = WordSet(words)
        for word in words { #expect(set.index(of: word).map { set[$0] } == word) }
        for absent in ["w300", "x", "back", "w1 "] { #expect(set.index(of: absent) == nil) }
        #expect(WordSet([]).index(of: "") == nil)
        #expect(WordSet(trustingOrder: set.words, slots: NumberTable([1, 2, 3])) == nil)  // not a power of two
        #expect(WordSet(trustingOrder: set.words, slots: NumberTable([1, 2])) == nil)  // fewer than the words
        // Every slot full and pointing past the words: every lookup probes each slot once and misses.
        let full = try #require(
            WordSet(trustingOrder: PackedStrings(["a", "b"]), slots: NumberTable([7, 7, 7, 7])))
        #expect(full.index(of: "a") == nil)
    }

    @Test(
        "packed strings read in place equal copied ones; damaged ends are refused when copied, kept inside when borrowed"
    )
    func packedInPlace() throws {
        let words = PackedStrings(["ache", "", "back", "réflexe", String(repeating: "k", count: 70)])
        var writer = ArchiveWriter()
        writer.packed(words)
        let bytes = writer.bytes
        for immortal in [false, true] {
            let read = try bytes.withUnsafeBufferPointer { buffer in
                var reader = ArchiveReader(buffer, immortal: immortal)
                let packed = try reader.packed()
                #expect(reader.isAtEnd)
                return Array(packed)
            }
            #expect(read == Array(words))
        }
        // The header is the count (5) and the digit width; the ends follow, two digits each.
        let first = 2
        var backwards = bytes
        backwards[first + 4] = 0x3f  // the third end, far past the fourth
        var overrun = bytes
        overrun[first + 9] = 0x3f  // the last end, past the storage
        var highDigit = bytes
        highDigit[first] = 0x41
        for broken in [backwards, overrun, highDigit] {
            #expect(throws: ArchiveReader.Corrupt.self) {
                try broken.withUnsafeBufferPointer { buffer in
                    var reader = ArchiveReader(buffer, immortal: false)
                    _ = try reader.packed()
                }
            }
            // Borrowed, the words are misread at worst: every one lies inside the 86 bytes of storage.
            let lengths = try broken.withUnsafeBufferPointer { buffer in
                var reader = ArchiveReader(buffer, immortal: true)
                let packed = try reader.packed()
                return packed.indices.map { packed.byteRange($0) }
            }
            #expect(lengths.count == 5 && lengths.allSatisfy { $0.lowerBound >= 0 && $0.upperBound <= 86 })
        }
    }

    @Test(
        "red-flag patterns laid out flat give back the concepts; runs out of range are refused, damaged elements match nothing"
    )
    func patternTable() throws {
        let concepts = [
            RedFlagRules.Concept(
                name: "numb", patterns: [RedFlagRules.Pattern(text: "numb", elements: [.stem("numb")])]),
            RedFlagRules.Concept(
                name: "numb-legs",
                patterns: [
                    RedFlagRules.Pattern(
                        text: "@numb ... leg !of $",
                        elements: [.concept(0), .gap(3), .stem("leg"), .notFollowedBy("of"), .clauseEnd]),
                    RedFlagRules.Pattern(text: "tingl* leg", elements: [.prefix("tingl"), .stem("leg")]),
                ]),
        ]
        let table = PatternTable(concepts)
        #expect(table.concepts == concepts)
        #expect(table.conceptCount == 2 && table.patternCount == 3)
        #expect(Array(table.words) == ["leg", "numb", "of", "tingl"])
        let starts = PatternStarts(table)
        #expect(Array(starts.byStem.numbers(for: "numb")) == [0])
        #expect(Array(starts.byLetters.numbers(for: "tin")) == [2])
        #expect(starts.conceptLed == [1] && starts.leadingConcept == [0] && starts.referring == [1])
        #expect(starts.fits(table))
        func rebuilt(elements: [Int32], patternEnds: [Int32] = [1, 6, 8]) -> PatternTable? {
            PatternTable(
                names: table.names, conceptEnds: table.conceptEnds, patternEnds: NumberTable(patternEnds),
                elements: NumberTable(elements), words: table.words, texts: table.texts)
        }
        let elements = Array(table.elements)
        #expect(rebuilt(elements: elements) == table)
        #expect(rebuilt(elements: elements, patternEnds: [1, 6, 7]) == nil)  // the last end short of the elements
        #expect(rebuilt(elements: elements, patternEnds: [6, 1, 8]) == nil)  // going back
        // Elements are not checked when read; a damaged one is spelt as nothing and matches nothing.
        let rules = RedFlagRules(
            negationCues: [], negationWindow: 3, negationBreaks: [], concepts: concepts, roles: [:], advice: [:],
            safetyNet: "", selfTreatmentRefusal: "", someoneElseWords: [:], flags: [])
        let tokens = ["numb", "leg"].map { Token(original: $0, word: $0, stem: $0, isStopword: false) }
        let rest = Array(elements.dropFirst())
        let wordPast: [Int32] = [4 * 8] + rest  // word 4 of 4
        let conceptPast: [Int32] = [elements[0], 2 * 8 + 2] + Array(rest.dropFirst())  // concept 2 of 2
        let seventhKind: [Int32] = [6] + rest
        for damaged in [wordPast, conceptPast, seventhKind] {
            let broken = try #require(rebuilt(elements: damaged))
            #expect(broken.concepts.count == 2)
            var damagedRules = rules
            damagedRules.restore(patterns: broken, patternStarts: PatternStarts(broken))
            _ = RedFlagDetector(rules: damagedRules).trace(tokens)
        }
        let wrongStarts = PatternStarts(
            byStem: starts.byStem, byLetters: starts.byLetters, conceptLed: [1], leadingConcept: [2], referring: [1])
        #expect(wrongStarts?.fits(table) == false)  // concept 2 of 2
    }

    @Test("sparse weights from an archive: counts must agree; damaged rows and columns misweigh, never crash")
    func sparseWeightsInPlace() {
        let dense: [Float] = [0.5, 0, -1, 0, 2, 0]
        let weights = SparseWeights(dense: dense, width: 3, threshold: 0.1)
        #expect(Array(weights.rowStarts) == [0, 2, 3] && Array(weights.columns) == [0, 2, 1])
        #expect(weights.weight(row: 0, column: 2) == -1 && weights.weight(row: 1, column: 1) == 2)
        let values = FloatTable([0.5, -1, 2])
        #expect(
            SparseWeights(width: 3, rowStarts: NumberTable([0, 2]), columns: NumberTable([0]), values: values) == nil)
        #expect(
            SparseWeights(width: 3, rowStarts: NumberTable([1, 3]), columns: NumberTable([0, 2, 1]), values: values)
                == nil)
        // A row going back, a row past the entries and a column past the width.
        guard
            let damaged = SparseWeights(
                width: 3, rowStarts: NumberTable([0, 2, 1, 9, 3]), columns: NumberTable([0, 7, 1]), values: values)
        else {
            Issue.record("counts agree, so the table is read")
            return
        }
        var scores: [Float] = [0, 0, 0]
        for row in 0..<damaged.rowCount { damaged.add(row: row, into: &scores) }
        #expect(scores == [0.5, 2, 0])
    }

    @Test("a phrase list gives back its phrases; damaged ends from an archive stay inside the stems")
    func phraseList() {
        let list: PhraseList = [["sport", "massag"], [Aspect.gap, "heat"], []]
        #expect(Array(list) == [["sport", "massag"], ["", "heat"], []])
        #expect(list.stemRange(1) == 2..<4 && list.stemRange(2) == 4..<4)
        let damaged = PhraseList(stems: list.stems, ends: NumberTable([3, 1, 9]))
        #expect(damaged.indices.map(damaged.stemRange) == [0..<3, 1..<1, 1..<4])
    }

    @Test("a case map sets, replaces and removes, and compares without regard to order")
    func caseMap() {
        var map: CaseMap<RedFlagRules.Tier, Int> = [.urgent: 1, .crisis: 2]
        #expect(map[.urgent] == 1)
        #expect(map[.emergency] == nil)
        map[.urgent] = 3
        map[.crisis] = nil
        #expect(map[.urgent] == 3 && map[.crisis] == nil)
        let other: CaseMap<RedFlagRules.Tier, Int> = [.emergency: 4, .urgent: 3]
        map[.emergency] = 4
        #expect(map == other)
        #expect(map.hashValue == other.hashValue)
    }

    @Test("the embedded model's keywords come back whole from the flat tables")
    func keywordsRoundTrip() {
        let classifier = Fixtures.model.classifier
        let rebuilt = IntentClassifier(
            intentIDs: classifier.intentIDs, features: classifier.features, weights: classifier.weights,
            biases: classifier.biases, keywords: classifier.keywords)
        #expect(rebuilt == classifier)
        #expect(classifier.phrases.count > 1000)
    }

    @Test("text search finds words in place, folding ASCII case only when asked")
    func textSearch() {
        #expect(TextSearch.contains("Trigger Points hurt", "trigger point", foldingASCIICase: true))
        #expect(!TextSearch.contains("Trigger Points hurt", "trigger point"))
        #expect(TextSearch.contains("inflamed", "inflam"))
        #expect(!TextSearch.contains("in", "inflam"))
        #expect(TextSearch.contains("anything", ""))
        #expect(TextSearch.contains("naïve café", "café"))
        #expect(TextSearch.contains("why?", byte: UInt8(ascii: "?")))
        #expect(!TextSearch.contains("why", byte: UInt8(ascii: "?")))
    }

    @Test("features looked up as bytes are the training features, in order, each once")
    func featureIDsMatchTraining() throws {
        let classifier = Fixtures.model.classifier
        let crisis = try #require(Fixtures.model.crisisLanguage).classifier
        let questions =
            try String(
                contentsOf: Fixtures.fixtures.appendingPathComponent("regression-single.jsonl"), encoding: .utf8
            ).split(separator: "\n").map(String.init) + [
                "why why why does my back hurt hurt", "causes causing caused", "",
            ]
        for question in questions {
            let tokens = Fixtures.assistant.analyzer.analyze(question)
            let expected = FeatureExtractor.features(tokens)
            #expect(classifier.featureIDs(tokens) == expected.compactMap(classifier.row(of:)), "\(question)")
            #expect(crisis.featureIDs(tokens) == expected.compactMap(crisis.row(of:)), "\(question)")
        }
    }

    @Test("the ASCII shortcuts agree with the Unicode properties they skip")
    func asciiShortcuts() throws {
        for value in UInt32(0)..<0x80 {
            let scalar = try #require(Unicode.Scalar(value))
            let properties = scalar.properties
            let (isWord, isWhitespace) = TextAnalyzer.classify(scalar)
            #expect(isWord == (properties.isAlphabetic || properties.numericType != nil), "\(value)")
            #expect(isWhitespace == properties.isWhitespace, "\(value)")
            if value > 0x20 && value < 0x7F {
                // Utterance keeps these as they are, without asking for their category.
                #expect(properties.generalCategory != .control && properties.generalCategory != .format)
                #expect(!properties.isWhitespace)
            }
        }
    }
}
