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

    static func replay(_ text: String, name: String, upgrades: TranscriptUpgrade = .shipped) throws -> ReplayResult {
        let transcript = try TranscriptReader.read(DataFile(path: name, text: text), upgrades: upgrades)
        return Replayer(assistant: Fixtures.assistant).replay(transcript)
    }

    static func describe(_ result: ReplayResult) -> String {
        var report = ReplayReport()
        report.add(result)
        return report.lines.joined(separator: "\n")
    }

    @Test(
        "every committed transcript, recorded as if before a state key existed, replays unchanged",
        arguments: [
            "given", "lastLead", "lastAsked", "context", "options", "redFlagSymptoms", "misses", "safetyNetGiven",
        ])
    func missingStateKey(key: String) throws {
        let transcripts = try Self.committed()
        #expect(transcripts.count >= 38)
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
        let committed = try Self.committed()
        for (name, text) in committed {
            let older = try Self.rewrite(text) { Self.editState(&$0) { $0["safetyNetGiven"] = nil } }
            try older.write(to: copies.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        let files = try TranscriptReader.files(at: [copies.path])
        #expect(files.count == committed.count)
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

    // MARK: - Format upgrades

    /// A chain from a made-up format 0, in which the state's `phase` was called `stage`.
    ///
    /// Format 0 never shipped; the step shows a rename, which a default cannot repair, going through
    /// the chain.
    static let fromFormat0 = TranscriptUpgrade(
        current: TranscriptFormat.current, oldest: 0,
        steps: [
            0: { object in
                guard case .object(var state)? = object["state"], let stage = state["stage"] else { return }
                state["stage"] = nil
                state["phase"] = stage
                object["state"] = .object(state)
            }
        ])

    /// A committed transcript written back in format 0.
    static func format0(_ text: String) throws -> String {
        try rewrite(text) { object in
            if object["type"] == .string("header") { object["format"] = .integer(0) }
            editState(&object) { state in
                state["stage"] = state["phase"]
                state["phase"] = nil
            }
        }
    }

    @Test("every committed transcript, written in an older format, is upgraded as read and replays")
    func olderFormatUpgrades() throws {
        for (name, text) in try Self.committed() {
            let old = try Self.format0(text)
            #expect(old.hasPrefix("{\"format\":0,"))
            #expect(!old.contains("\"phase\":"))
            let current = try TranscriptReader.read(DataFile(path: name, text: text))
            let upgraded = try TranscriptReader.read(DataFile(path: name, text: old), upgrades: Self.fromFormat0)
            #expect(upgraded.turns == current.turns, "the upgrade gives back exactly the current format")
            #expect(upgraded.header.format == 0, "the header says what the file is written in")
            #expect(
                upgraded.warnings.map(\.description) == [
                    "\(name):1: warning: is in transcript format 0, upgraded to 1 as read; `knotbot replay --update` rewrites it"
                ])
            let result = Replayer(assistant: Fixtures.assistant).replay(upgraded)
            #expect(result.passed, "\(Self.describe(result))")
        }
    }

    @Test("without its step, the older format does not replay: the upgrade is what repairs it")
    func olderFormatNeedsItsStep() throws {
        let (name, text) = try #require(try Self.committed().first { $0.name.hasPrefix("02-") })
        let old = try Self.format0(text)
        let skipped = TranscriptUpgrade(current: TranscriptFormat.current, oldest: 0, steps: [0: { _ in }])
        let result = try Self.replay(old, name: name, upgrades: skipped)
        #expect(!result.passed, "every state reads as idle, which the recording does not say")
    }

    @Test("an updated transcript is written in the current format and reads back with the shipped chain")
    func updateWritesCurrentFormat() throws {
        let (name, text) = try #require(try Self.committed().first { $0.name.hasPrefix("09-") })
        let result = try Self.replay(try Self.format0(text), name: name, upgrades: Self.fromFormat0)
        let rewritten = Replayer(assistant: Fixtures.assistant).updated(result).text
        #expect(rewritten.hasPrefix("{\"format\":\(TranscriptFormat.current),"))
        #expect(!rewritten.contains("\"stage\":"))
        let again = try TranscriptReader.read(DataFile(path: name, text: rewritten))
        #expect(again.warnings.isEmpty)
        #expect(again.turns.map(\.state) == result.transcript.turns.map(\.state))
        #expect(Replayer(assistant: Fixtures.assistant).replay(again).passed)
    }

    @Test("the shipped chain refuses a format older than it reads, and one newer than it knows")
    func shippedChainBounds() throws {
        let (name, text) = try #require(try Self.committed().first)
        #expect(TranscriptUpgrade.shipped.current == TranscriptFormat.current)
        #expect(
            (TranscriptUpgrade.shipped.oldest..<TranscriptFormat.current).allSatisfy {
                TranscriptUpgrade.shipped.steps[$0] != nil
            })
        for (format, message) in [
            (0, "\(name):1: error: transcript format 0 is not supported; re-record it"),
            (2, "\(name):1: error: transcript format 2 is newer than this KnotBot reads (1); update KnotBot"),
        ] {
            let other = try Self.rewrite(text) {
                if $0["type"] == .string("header") { $0["format"] = .integer(format) }
            }
            #expect(throws: KnotBotError.self) { try Self.replay(other, name: name) }
            do {
                _ = try TranscriptReader.read(DataFile(path: name, text: other))
            } catch {
                #expect("\(error)".contains(message), "\(error)")
            }
        }
    }

    @Test("a chain applies its steps in order from the file's format, each once")
    func stepsInOrder() {
        func append(_ mark: String) -> TranscriptUpgrade.Step {
            { object in
                guard case .string(let log)? = object["log"] else {
                    object["log"] = .string(mark)
                    return
                }
                object["log"] = .string(log + mark)
            }
        }
        let chain = TranscriptUpgrade(current: 3, oldest: 1, steps: [1: append("1"), 2: append("2")])
        for (from, log) in [(1, "12"), (2, "2"), (3, nil)] {
            var object: [String: JSONValue] = [:]
            chain.upgrade(&object, from: from)
            #expect(object["log"] == log.map { .string($0) }, "from format \(from)")
        }
    }

    @Test("JSON read and written again keeps whole numbers whole")
    func jsonValueRoundTrip() throws {
        let text = #"{"a":1,"b":0.767,"c":[true,null,"x"],"d":{"e":-3}}"#
        let value = try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        #expect(String(decoding: try encoder.encode(value), as: UTF8.self) == text)
    }

    // MARK: - Legal transitions

    @Test("the declared transitions: 20, none out of ended, no repeats; coverage counts exactly these")
    func declaredTransitions() {
        let legal = PhaseTransition.legal
        #expect(legal.count == 20)
        #expect(Set(legal).count == legal.count)
        #expect(!legal.contains { $0.from == .ended })
        #expect(ReplayCoverage.legalTransitions == legal)
    }

    @Test("the committed transcripts reach every declared transition and no other")
    func committedTransitionsAreLegal() throws {
        var coverage = ReplayCoverage()
        for (name, text) in try Self.committed() {
            coverage.add(try Self.replay(text, name: name))
        }
        #expect(coverage.transitions.filter { !$0.isLegal }.isEmpty)
        #expect(coverage.transitions == Set(PhaseTransition.legal))
        let (text, _) = coverage.report(model: Fixtures.model)
        #expect(text.contains("transitions: 20/20 reached\n"), "\(text)")
        #expect(!text.contains("error:"), "\(text)")
    }

    @Test("coverage reports a reached transition that is not declared legal as an error")
    func illegalTransitionReported() throws {
        func turn(_ number: Int, _ phase: DialogueState.Phase) -> TranscriptTurn {
            TranscriptTurn(
                turn: number, utterance: "x", reply: Reply(answer: "y", understood: true, intent: nil, confidence: 1),
                state: DialogueState(phase: phase))
        }
        let turns = [turn(1, .ended), turn(2, .idle)]
        let header = TranscriptHeader(knotbot: "0", model: "x", started: "s")
        let transcript = Transcript(path: "made-up.jsonl", header: header, turns: turns)
        var coverage = ReplayCoverage()
        coverage.add(ReplayResult(path: transcript.path, transcript: transcript, replayed: turns, mismatches: []))
        let (text, unreached) = coverage.report(model: Fixtures.model)
        #expect(text.contains("transitions: 1/20 reached\n"), "\(text)")
        #expect(text.contains("  error: reached ended -> idle, which the dialogue does not declare legal\n"), "\(text)")
        let legalUnreached = 19
        #expect(unreached > legalUnreached)
    }
}
