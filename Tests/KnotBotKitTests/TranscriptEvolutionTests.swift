import Foundation
import Testing

@testable import KnotBotKit

/// Transcripts keep reading as the state and the format change: a missing state key takes its
/// default, an unknown one is ignored, and an older format is upgraded as it is read.
@Suite("Transcript evolution")
struct TranscriptEvolutionTests {
    static let folder = Fixtures.repository.appendingPathComponent("transcripts")

    /// The committed transcripts, as (file name, text).
    static func committed() throws -> [(name: String, text: String)] {
        try TranscriptReader.files(at: [folder.path]).map {
            ($0.lastPathComponent, try String(contentsOf: $0, encoding: .utf8))
        }
    }

    /// The text with every line's JSON object edited; `type` tells the header from a turn.
    static func rewrite(_ text: String, _ edit: (inout [String: JSONValue]) -> Void) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var lines: [String] = []
        for line in text.split(separator: "\n") {
            guard case .object(var object) = try JSONDecoder().decode(JSONValue.self, from: Data(line.utf8)) else {
                Issue.record("not a JSON object: \(line)")
                continue
            }
            edit(&object)
            lines.append(String(decoding: try encoder.encode(JSONValue.object(object)), as: UTF8.self))
        }
        return lines.map { $0 + "\n" }.joined()
    }

    /// Edits the `state` object of a turn line.
    static func editState(_ object: inout [String: JSONValue], _ edit: (inout [String: JSONValue]) -> Void) {
        guard case .object(var state)? = object["state"] else { return }
        edit(&state)
        object["state"] = .object(state)
    }

    static func replay(_ text: String, name: String) throws -> ReplayResult {
        let transcript = try TranscriptReader.read(DataFile(path: name, text: text))
        return Replayer(assistant: Fixtures.assistant).replay(transcript)
    }

    static func describe(_ result: ReplayResult) -> String {
        var report = ReplayReport()
        report.add(result)
        return report.lines.joined(separator: "\n")
    }

    @Test(
        "every committed transcript, recorded as if before a state key existed, replays unchanged",
        arguments: ["pagesGiven", "options", "redFlagSymptoms", "misses", "safetyNetGiven"])
    func missingStateKey(key: String) throws {
        let transcripts = try Self.committed()
        #expect(transcripts.count == 38)
        for (name, text) in transcripts {
            let older = try Self.rewrite(text) { Self.editState(&$0) { $0[key] = nil } }
            #expect(!older.contains("\"\(key)\":"))
            let result = try Self.replay(older, name: name)
            #expect(result.transcript.turns.count == text.split(separator: "\n").count - 1)
            #expect(result.passed, "\(Self.describe(result))")
        }
    }

    @Test("the copies written without a key replay green through files, as `knotbot replay` reads them")
    func missingKeyCopiesOnDisk() throws {
        let copies = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: copies) }
        for (name, text) in try Self.committed() {
            let older = try Self.rewrite(text) { Self.editState(&$0) { $0["safetyNetGiven"] = nil } }
            try older.write(to: copies.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        let files = try TranscriptReader.files(at: [copies.path])
        #expect(files.count == 38)
        let replayer = Replayer(assistant: Fixtures.assistant)
        for file in files {
            let transcript = try #require(try TranscriptReader.read(contentsOf: file))
            #expect(transcript.warnings.isEmpty)
            let result = replayer.replay(transcript)
            #expect(result.passed, "\(Self.describe(result))")
        }
    }

    @Test("a state with no keys at all reads as the start state")
    func emptyState() throws {
        let state = try JSONDecoder().decode(DialogueState.self, from: Data("{}".utf8))
        #expect(state == .start)
    }

    @Test("a state key and a turn key this version does not know are ignored, and the turn replays")
    func unknownKeys() throws {
        for (name, text) in try Self.committed() {
            let newer = try Self.rewrite(text) { object in
                guard object["type"] == .string("turn") else { return }
                object["mood"] = .string("calm")
                Self.editState(&object) {
                    $0["followUpsGiven"] = .integer(2)
                    $0["lastSeen"] = .object(["at": .string("2027-01-01T00:00:00Z"), "tags": .array([.null])])
                }
            }
            #expect(newer.contains("\"followUpsGiven\":2"))
            let result = try Self.replay(newer, name: name)
            #expect(result.passed, "\(Self.describe(result))")
        }
    }

    @Test("a wrong type under a known state key is still an error naming the line")
    func wrongTypeStillFails() throws {
        let (name, text) = try #require(try Self.committed().first)
        let broken = try Self.rewrite(text) { Self.editState(&$0) { $0["misses"] = .string("none") } }
        #expect(throws: KnotBotError.self) { try Self.replay(broken, name: name) }
    }

    @Test("JSON read and written again keeps whole numbers whole")
    func jsonValueRoundTrip() throws {
        let text = #"{"a":1,"b":0.767,"c":[true,null,"x"],"d":{"e":-3}}"#
        let value = try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        #expect(String(decoding: try encoder.encode(value), as: UTF8.self) == text)
    }

}
