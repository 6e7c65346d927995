import Testing

@testable import KnotBotKit

/// A warning sign spelt with an invisible character or a look-alike letter inside a word still
/// raises its red flag; Cyrillic and Greek text is left as it is.
@Suite("Look-alike letters and invisible characters")
struct LookAlikeLetterTests {
    static func raises(_ text: String) -> Bool {
        !Fixtures.assistant.understand(Utterance(text)).safety.raised.isEmpty
    }

    @Test("the plain sentences the tests below disguise raise a red flag")
    func plainSentencesRaise() {
        for text in [
            "I fell off my bike", "I was in a car crash and my back hurts", "I can't pee since my back started hurting",
            "I have unexplained weight loss and back pain", "I want to kill myself",
            "I have pins and needles in my groin", "I can't pee",
        ] {
            #expect(Self.raises(text), "\(text)")
        }
    }

    @Test(
        "a zero-width joiner inside a word hides nothing",
        arguments: [
            "I fe\u{200D}ll off my bike", "I fell off my bike\u{200D}", "I f\u{200D}e\u{200D}l\u{200D}l off my bike",
        ])
    func zeroWidthJoiner(text: String) {
        #expect(Self.raises(text))
    }

    @Test(
        "every format character (Cf) is dropped inside a word, not only those Utterance drops",
        arguments: ["\u{200D}", "\u{200C}", "\u{2060}", "\u{00AD}", "\u{FEFF}", "\u{200B}", "\u{200E}", "\u{E0041}"])
    func formatCharacters(character: String) {
        let words = Fixtures.assistant.analyzer.analyze("I fe\(character)ll off my bike").map(\.original)
        #expect(words.contains("fell"), "\(words)")
        #expect(Self.raises("I fe\(character)ll off my bike"))
    }

    @Test(
        "a Cyrillic or Greek look-alike inside a Latin word reads as the Latin letter",
        arguments: [
            "I f\u{0435}ll off my bike",  // Cyrillic e
            "I was in a car cr\u{0430}sh and my back hurts",  // Cyrillic a
            "I was in a car \u{0441}rash and my back hurts",  // Cyrillic es, looks like c
            "I can't \u{0440}ee since my back started hurting",  // Cyrillic er, looks like p
            "I have une\u{0445}plained weight loss and back pain",  // Cyrillic ha, looks like x
            "I want to kill m\u{0443}self",  // Cyrillic u, looks like y
            "I have pins and needles in my gro\u{0456}n",  // Ukrainian i
            "I fe\u{04CF}\u{04CF} off my bike",  // Cyrillic palochka, a bare stroke like l
            "I F\u{0395}LL OFF MY BIKE",  // Greek capital epsilon
            "I can't \u{0440}\u{0435}\u{0435}",  // a word made only of look-alikes, in English text
        ])
    func lookAlikes(text: String) {
        #expect(Self.raises(text))
    }

    @Test("the Cyrillic o, a and es fold inside a word too")
    func cyrillicVowels() {
        let analyzer = Fixtures.assistant.analyzer
        #expect(analyzer.rewrittenWords("bl\u{043E}w t\u{043E} my b\u{0430}\u{0441}k") == ["blow", "to", "my", "back"])
    }

    @Test("Cyrillic and Greek words are left as they are", arguments: ["привет", "сахар", "ухо", "καλημερα"])
    func otherScriptsStay(word: String) {
        #expect(TextAnalyzer.normalize(word) == word)
    }

    @Test("a Russian sentence keeps its all-look-alike words; a mixed word in it is still folded")
    func mixedText() {
        #expect(TextAnalyzer.normalize("привет, сахар") == "привет, сахар")
        #expect(TextAnalyzer.normalize("привет, I f\u{0435}ll") == "привет, i fell")
        #expect(TextAnalyzer.normalize("сахар") == "сахар")
    }
}
