import Foundation
import Testing

@testable import KnotBotKit

/// Intent files written to attack whoever loads them: escapes that would reach a terminal, aliases
/// that multiply a file, repeated keys in huge files.
@Suite("Hostile data files")
struct HostileDataTests {
    /// The diagnostics of reading `text` as `Intents/hostile.yaml`, and whether it was refused.
    static func read(_ text: String) -> (refused: Bool, diagnostics: [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        let definition = IntentLoader.read(
            DataFile(path: "Intents/hostile.yaml", text: text), diagnostics: &diagnostics)
        return (definition == nil, diagnostics)
    }

    /// A valid intent file with `extra` lines appended.
    static func intent(examples: [String] = ["\"what causes knots\""], _ extra: String = "reply: hi") -> String {
        "intent: hostile\ntopic: t\nsummary: s\nexamples:\n" + examples.map { "  - \($0)\n" }.joined() + extra + "\n"
    }

    @Test("the plain file these tests break is accepted")
    func plainFileLoads() {
        let (refused, diagnostics) = Self.read(Self.intent())
        #expect(!refused, "\(diagnostics)")
        #expect(diagnostics.isEmpty)
    }

    @Test(
        "a control character or direction override in any intent text is an error at its line",
        arguments: [
            ("reply: \"hi \\e]0;pwned\\a there\"", 6, "\\u{1B}"),  // a window-title escape
            ("reply: \"hi \\x9b31m there\"", 6, "\\u{9B}"),  // the one-byte CSI
            ("reply: \"hi \\u202Eereht ih\"", 6, "\\u{202E}"),  // right-to-left override
            ("reply: \"hi \\u2066isolated\\u2069\"", 6, "\\u{2066}"),
            ("reply: \"hi \\x7f\"", 6, "\\u{7F}"),
            ("reply: \"carriage\\rreturn\"", 6, "\\u{D}"),
        ])
    func unsafeCharacterInReply(line: String, at expected: Int, code: String) throws {
        let (refused, diagnostics) = Self.read(Self.intent(line))
        #expect(refused)
        let diagnostic = try #require(diagnostics.first { $0.message.contains(code) }, "\(diagnostics)")
        #expect(diagnostic.line == expected)
        #expect(diagnostic.severity == .error)
        #expect(TerminalText.escaped(diagnostic.description) == diagnostic.description, "safe to print as is")
    }

    @Test("examples, summaries and keywords are checked too")
    func unsafeCharacterElsewhere() {
        let example = Self.read(Self.intent(examples: ["\"what \\e[2J causes knots\""]))
        #expect(example.refused)
        #expect(example.diagnostics.contains { $0.line == 5 && $0.message.contains("\\u{1B}") }, "\(example)")
        let summary = Self.read(
            "intent: hostile\ntopic: t\nsummary: \"s\\u202E\"\nexamples:\n  - what\nreply: hi\n")
        #expect(summary.diagnostics.contains { $0.line == 3 && $0.message.contains("\\u{202E}") }, "\(summary)")
        let keyword = Self.read(
            Self.intent("reply: hi\nkeywords:\n  - term: knot\n    weight: 1\n    synonyms: [\"kn\\x85ot\"]"))
        #expect(keyword.diagnostics.contains { $0.line == 10 && $0.message.contains("\\u{85}") }, "\(keyword)")
    }

    @Test("line feeds and tabs in a reply are fine")
    func lineBreaksAllowed() {
        let (refused, diagnostics) = Self.read(Self.intent("reply: \"one\\n\\ttwo\""))
        #expect(!refused, "\(diagnostics)")
    }

    @Test("one example aliased 10,000 times is refused at once, at the line of the 101st alias")
    func aliasAmplification() throws {
        let long = "\"" + String(repeating: "what causes knots ", count: 100) + "\""
        let text = Self.intent(examples: ["&e \(long)"] + Array(repeating: "*e", count: 10_000))
        let started = ContinuousClock.now
        let (refused, diagnostics) = Self.read(text)
        #expect(ContinuousClock.now - started < .seconds(5), "old code trained on 10,000 copies for a minute")
        #expect(refused)
        let diagnostic = try #require(diagnostics.first { $0.message.contains("aliases") }, "\(diagnostics)")
        // The anchor is on line 5, the aliases from line 6: the 101st is on line 106.
        #expect(diagnostic.line == 106)
        #expect(diagnostic.message.contains("more than 100 aliases"))
    }

    @Test("100 aliases are allowed")
    func aliasesUpToTheLimit() {
        let text = Self.intent(examples: ["&e \"what causes knots\""] + Array(repeating: "*e", count: 100))
        let (refused, diagnostics) = Self.read(text)
        #expect(!refused, "\(diagnostics)")
    }

    @Test("nested aliases (a billion laughs) are counted without being expanded")
    func nestedAliases() {
        // Twelve levels of ten: 120 aliases standing for 10^12 copies; the 101st is on line 12.
        var lines = ["l0: &l0 [\"ha\", \"ha\", \"ha\", \"ha\", \"ha\", \"ha\", \"ha\", \"ha\", \"ha\", \"ha\"]"]
        for level in 1...12 {
            let items = Array(repeating: "*l\(level - 1)", count: 10).joined(separator: ", ")
            lines.append("l\(level): &l\(level) [\(items)]")
        }
        let started = ContinuousClock.now
        let (refused, diagnostics) = Self.read(lines.joined(separator: "\n") + "\n")
        #expect(ContinuousClock.now - started < .seconds(5))
        #expect(refused)
        #expect(
            diagnostics.contains { $0.message.contains("more than 100 aliases") && $0.line == 12 }, "\(diagnostics)")
    }

    @Test("an example of more than 2,000 characters is an error at its line; 2,000 is fine")
    func exampleLength() {
        let tooLong = Self.read(Self.intent(examples: ["what", String(repeating: "a", count: 2_001)]))
        #expect(tooLong.refused)
        #expect(
            tooLong.diagnostics.contains { $0.line == 6 && $0.message.contains("2001 characters") }, "\(tooLong)")
        let atLimit = Self.read(Self.intent(examples: ["what", String(repeating: "a", count: 2_000)]))
        #expect(!atLimit.refused, "\(atLimit.diagnostics)")
    }

    @Test("a reply of more than 4,000 characters is an error at its line")
    func replyLength() {
        let (refused, diagnostics) = Self.read(Self.intent("reply: " + String(repeating: "b", count: 4_001)))
        #expect(refused)
        #expect(diagnostics.contains { $0.line == 6 && $0.message.contains("4001 characters") }, "\(diagnostics)")
    }

    @Test("a repeated key in a 1 MB file gives its line and a short message")
    func duplicateKeyInHugeFile() throws {
        let summary = String(repeating: "y", count: 1_000_000)
        let text = "intent: hostile\ntopic: t\nsummary: \(summary)\nexamples:\n  - what\nreply: hi\ntopic: again\n"
        let (refused, diagnostics) = Self.read(text)
        #expect(refused)
        let diagnostic = try #require(diagnostics.first, "\(diagnostics.map { $0.description.prefix(200) })")
        #expect(diagnostic.line == 7)
        #expect(diagnostic.message.contains("'topic'") && diagnostic.message.contains("line 2"))
        #expect(diagnostic.description.count < 200, "\(diagnostic.description.prefix(300))")
    }

    @Test("a long repeated key is quoted in part")
    func longDuplicateKey() throws {
        let key = String(repeating: "k", count: 500)
        let (refused, diagnostics) = Self.read("intent: hostile\n\(key): 1\ntopic: t\n\(key): 2\n")
        #expect(refused)
        let diagnostic = try #require(diagnostics.first)
        #expect(diagnostic.line == 4)
        #expect(diagnostic.description.count < 200, "\(diagnostic.description.prefix(300))")
    }

    @Test("a repeated key in a flow mapping falls back to the first key's line")
    func duplicateKeyInFlowMapping() throws {
        let (refused, diagnostics) = Self.read("intent: hostile\nkeywords: [{term: a, weight: 1, term: b}]\n")
        #expect(refused)
        #expect(try #require(diagnostics.first).line == 2)
    }

    @Test("a character YAML cannot read is reported at its line")
    func readerErrorHasALine() throws {
        let (refused, diagnostics) = Self.read("intent: hostile\ntopic: t\nsummary: s\u{1}\n")
        #expect(refused)
        #expect(try #require(diagnostics.first).line == 3, "\(diagnostics)")
    }

    @Test(
        "a report of a safety or labelled set escapes its labels",
        arguments: ["\u{1B}]0;pwned\u{7}", "\u{9B}2J", "a\u{202E}b"])
    func reportsEscapeLabels(label: String) {
        let evaluation = EvaluationReport(
            topics: [.init(topic: label, precision: 1, recall: 1, f1: 1, support: 1, correct: 1)],
            confusions: [.init(expected: label, predicted: "causes", count: 1)],
            misses: [.init(q: label, expected: label, predicted: "x", confidence: 0.5, reason: "r")],
            summary: .init())
        for line in evaluation.text.split(separator: "\n") {
            #expect(TerminalText.escaped(String(line)) == String(line), "\(line.debugDescription)")
        }
    }
}
