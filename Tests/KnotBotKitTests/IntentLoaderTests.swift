import Foundation
import Testing

@testable import KnotBotKit

@Suite("Intent files")
struct IntentLoaderTests {
    private func compile(_ folder: URL) throws -> BotModel {
        try ModelCompiler.compile(intentsFolder: folder, knowledge: Fixtures.model.knowledge)
    }

    private func errors(_ body: () throws -> BotModel) -> String {
        do {
            _ = try body()
            return ""
        } catch {
            return "\(error)"
        }
    }

    @Test("a YAML syntax error names the file and line")
    func syntaxError() throws {
        let folder = try Fixtures.copyOfIntents()
        let file = folder.appendingPathComponent("author.yaml")
        try "intent: author\ntopic: author\nexamples: [unclosed\nsummary: x\n".write(
            to: file, atomically: true, encoding: .utf8)
        let message = errors { try compile(folder) }
        #expect(message.contains("\(file.path):"))
        #expect(message.contains("YAML syntax error"))
    }

    @Test("an unknown key names its line")
    func unknownKey() throws {
        let folder = try Fixtures.copyOfIntents()
        let file = folder.appendingPathComponent("thanks.yaml")
        let text = try String(contentsOf: file, encoding: .utf8)
        try (text + "\nanswr: oops\n").write(to: file, atomically: true, encoding: .utf8)
        let line = text.split(separator: "\n", omittingEmptySubsequences: false).count + 1
        let message = errors { try compile(folder) }
        #expect(message.contains("\(file.path):\(line): error: unknown key 'answr'"), "\(message)")
    }

    /// Compiles a copy of the intents with `old` replaced by `new` in one file: the errors, the
    /// file's path and the line the replacement starts on.
    private func compileEdited(_ name: String, replacing old: String, with new: String) throws -> (
        message: String, path: String, line: Int
    ) {
        let folder = try Fixtures.copyOfIntents()
        let file = folder.appendingPathComponent(name)
        var text = try String(contentsOf: file, encoding: .utf8)
        let marker = try #require(text.range(of: old))
        text.replaceSubrange(marker, with: new)
        try text.write(to: file, atomically: true, encoding: .utf8)
        let line = text[..<marker.lowerBound].split(separator: "\n", omittingEmptySubsequences: false).count
        return (errors { try compile(folder) }, file.path, line)
    }

    @Test("an answer that quotes no article sentence is refused with its line")
    func danglingAnswer() throws {
        let result = try compileEdited(
            "summary.yaml", replacing: "article: \"", with: "article: \"Nowhere in the article ")
        #expect(
            result.message.contains("no article sentence begins with \"Nowhere in the article"), "\(result.message)")
    }

    @Test("a keyword that opens or ends with '*' is refused with its line")
    func danglingKeywordGap() throws {
        let result = try compileEdited(
            "cause_back_pain.yaml", replacing: "synonyms: [why do they hurt, ", with: "synonyms: [\"* hurt\", ")
        #expect(
            result.message.contains(
                "\(result.path):\(result.line): error: keyword '* hurt' may use '*' only between words"),
            "\(result.message)")
    }

    @Test("a keyword naming a concept the lexicon lacks is refused with its keyword's line")
    func unknownKeywordConcept() throws {
        let result = try compileEdited(
            "referred_pain.yaml", replacing: "\"but * @place * @hurting\"", with: "\"but * @places * @hurting\"")
        let text = try String(contentsOfFile: result.path, encoding: .utf8)
        let term = try #require(text.range(of: "- term: the knot in one place"))
        let line = text[..<term.lowerBound].split(separator: "\n", omittingEmptySubsequences: false).count
        #expect(
            result.message.contains(
                "\(result.path):\(line): error: keyword 'but * @places * @hurting' names '@places', which is not a concept in lexicon.yaml"
            ), "\(result.message)")
    }

    @Test("a keyword concept stands for each of its words; one that stands for too many phrases is refused")
    func keywordConceptExpansion() {
        let concepts = ["place": ["hip", "leg"], "hurting": ["sore", "aches"]]
        #expect(
            KeywordConcepts.expand("but * @place * @hurting", concepts: concepts)
                == .success(["but * hip * sore", "but * hip * aches", "but * leg * sore", "but * leg * aches"]))
        #expect(KeywordConcepts.expand("plain words", concepts: [:]) == .success(["plain words"]))
        let wide = ["many": (1...30).map { "w\($0)" }]
        #expect(KeywordConcepts.expand("@many @many", concepts: wide) == .failure(.tooMany(900)))
    }

    @Test("a new body part is one word added to a concept: the knot in one place, the pain in another")
    func conceptWordGeneralises() throws {
        let question = "the tight spot is in my lower back but my elbow is killing me, how"
        #expect(Assistant(model: Fixtures.model).respond(to: question, in: .start).reply.intent != "referred_pain")
        let folder = try Fixtures.copyOfIntents()
        let lexicon = folder.appendingPathComponent("lexicon.yaml")
        let text = try String(contentsOf: lexicon, encoding: .utf8)
        try text.replacingOccurrences(of: "  place: [hip, ", with: "  place: [elbow, hip, ")
            .write(to: lexicon, atomically: true, encoding: .utf8)
        let reply = Assistant(model: try compile(folder)).respond(to: question, in: .start).reply
        #expect(reply.intent == "referred_pain", "\(reply.answer)")
    }

    @Test("a reply cites the supplement sources it names; an unknown one is refused with its line")
    func replySources() throws {
        let reply = Fixtures.ask("what are the warning signs with back pain")
        #expect(reply.intent == "warning_signs")
        #expect(reply.sources.contains { $0.contains("mayoclinic.org/connected-care") }, "\(reply.sources)")
        let result = try compileEdited(
            "warning_signs.yaml", replacing: "sources: [SHEF, MAYO-BP]", with: "sources: [SHEF, NOWHERE]")
        #expect(
            result.message.contains(
                "\(result.path):\(result.line): error: 'NOWHERE' is not a source any supplement fact cites"),
            "\(result.message)")
    }

    @Test("a folder without the lexicon or red flags is refused")
    func missingSharedFiles() throws {
        let folder = try Fixtures.copyOfIntents()
        try FileManager.default.removeItem(at: folder.appendingPathComponent("red-flags.yaml"))
        #expect(errors { try compile(folder) }.contains("has no red-flags.yaml"))
    }

    @Test("the model survives the archive embedded in the binary unchanged")
    func archiveRoundTrip() throws {
        let compiled = try ModelCompiler.compile(
            intentsFolder: Fixtures.intents, knowledge: ModelCompiler.loadKnowledge(folder: Fixtures.knowledge))
        let decoded = try ModelArchive.decode(ModelArchive.encode(compiled), source: "test")
        #expect(decoded == compiled)
        #expect(decoded.fingerprint == Fixtures.model.fingerprint, "the embedded model is stale")
        // The embedded model reads its word lists in place; they must equal the copied ones.
        #expect(Fixtures.model == compiled)
    }

    @Test("a corrupt archive is refused, not misread")
    func corruptArchive() {
        var bytes = ModelArchive.encode(Fixtures.model)
        bytes.removeLast(100)
        #expect(throws: KnotBotError.self) { try ModelArchive.decode(bytes, source: "cut") }
        #expect(throws: KnotBotError.self) { try ModelArchive.decode([1, 2, 3], source: "junk") }
    }

    @Test("the archive is valid UTF-8, so the build can embed it as a string literal and read it in place")
    func archiveIsText() {
        #expect(String(validating: ModelArchive.encode(Fixtures.model), as: UTF8.self) != nil)
    }

    @Test("packed word sets find exactly their words, in byte order, including non-ASCII ones")
    func wordSets() {
        let words: WordSet = ["spine", "knot", "épaule", "knots", "a", "knot", "z"]
        #expect(Array(words) == ["a", "knot", "knots", "spine", "z", "épaule"])
        for word in ["a", "knot", "knots", "spine", "z", "épaule"] { #expect(words.contains(word)) }
        for word in ["", "kno", "knotss", "b", "epaule", "zz"] { #expect(!words.contains(word)) }
        #expect(!WordSet([]).contains("a"))
    }

    @Test("UTC timestamps match Foundation's ISO 8601 format", arguments: [0, 951_782_400, 1_795_618_800, -86_401])
    func timestamps(seconds: Int) {
        let expected = Date(timeIntervalSince1970: TimeInterval(seconds)).formatted(.iso8601)
        #expect(UTCTimestamp.format(secondsSince1970: seconds) == expected)
    }
}
