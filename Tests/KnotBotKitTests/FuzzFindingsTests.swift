import Foundation
import Testing

@testable import KnotBotKit

/// Every input the fuzzer found (`Fuzz/Crashes/`), checked for the property it once broke.
///
/// A file's name says which target found it: `utterance-`, `intents-` or `transcript-`.
@Suite("Fuzzer findings stay fixed")
struct FuzzFindingsTests {
    static let crashes = Fixtures.repository.appendingPathComponent("Fuzz/Crashes")

    static func findings(_ prefix: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: crashes.path)) ?? []
        return names.filter { $0.hasPrefix(prefix) }.sorted()
    }

    static func text(_ name: String) throws -> String {
        String(decoding: try Data(contentsOf: crashes.appendingPathComponent(name)), as: UTF8.self)
    }

    @Test("there are findings to check (the folder moved otherwise)")
    func present() {
        #expect(!Self.findings("").isEmpty)
    }

    @Test("utterances stay within the limit, print safely and get a reply", arguments: findings("utterance-"))
    func utterance(name: String) throws {
        let text = try Self.text(name)
        let utterance = Utterance(text)
        #expect(utterance.text.unicodeScalars.count <= Utterance.maximumLength)
        #expect(TerminalText.escaped(utterance.text) == utterance.text, "nothing a terminal would act on")
        let (reply, _) = Fixtures.assistant.respond(to: text, in: .start)
        #expect(!reply.answer.isEmpty)
    }

    @Test("intent-file errors name a line that exists", arguments: findings("intents-"))
    func intents(name: String) throws {
        let text = try Self.text(name)
        var diagnostics: [Diagnostic] = []
        _ = IntentLoader.read(DataFile(path: "Intents/fuzz.yaml", text: text), diagnostics: &diagnostics)
        let lines = max(1, text.split(separator: "\n", omittingEmptySubsequences: false).count)
        for diagnostic in diagnostics {
            #expect((diagnostic.line ?? 1) <= lines, "\(diagnostic)")
        }
    }

    @Test(
        "transcripts are refused with a line, or replay into a report safe to print", arguments: findings("transcript-")
    )
    func transcript(name: String) throws {
        let file = DataFile(path: name, text: try Self.text(name))
        var report = ReplayReport()
        do {
            let transcript = try TranscriptReader.read(file)
            let replayer = Replayer(assistant: Fixtures.assistant)
            let result = replayer.replay(transcript)
            report.add(result)
            // What `replay --update` would write must read back.
            let updated = replayer.updated(result)
            let text =
                ([TranscriptFormat.line(updated.header)] + updated.turns.map { TranscriptFormat.line($0) })
                .joined(separator: "\n") + "\n"
            #expect(throws: Never.self) { try TranscriptReader.read(DataFile(path: name, text: text)) }
        } catch {
            if case .invalidData(let diagnostics) = error { #expect(diagnostics.allSatisfy { $0.line != nil }) }
            report.add(malformed: error)
        }
        for line in report.lines + report.diagnostics {
            #expect(TerminalText.escaped(line) == line, "printable as is: \(line.debugDescription)")
        }
    }
}
