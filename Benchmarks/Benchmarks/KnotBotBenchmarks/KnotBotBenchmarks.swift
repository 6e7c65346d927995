import Benchmark
import Foundation
import KnotBotEmbedded
import KnotBotKit

/// The repository, found from this file so the benchmarks run from any folder.
let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()

/// Our own labelled questions (the regression set), asked one per turn.
func regressionQuestions() -> [String] {
    let file = repository.appendingPathComponent("Tests/KnotBotKitTests/Fixtures/regression-single.jsonl")
    guard let text = try? String(contentsOf: file, encoding: .utf8) else { fatalError("cannot read \(file.path)") }
    return text.split(separator: "\n").compactMap { line in
        try? JSONDecoder().decode(LabelledQuestion.self, from: Data(line.utf8)).q
    }
}

/// Every recorded conversation in `transcripts/`.
func transcripts() -> [Transcript] {
    let folder = repository.appendingPathComponent("transcripts").path
    guard let files = try? TranscriptReader.files(at: [folder]) else { fatalError("no transcripts in \(folder)") }
    return files.compactMap { url in try? TranscriptReader.read(DataFile.read(url)) }
}

/// Hands out the items in turn, one per benchmark sample, so a run covers all of them.
///
/// The harness runs a benchmark's samples one after another on one thread.
final class Cycle<Item>: @unchecked Sendable {
    private let items: [Item]
    private var position = 0

    init(_ items: [Item]) {
        precondition(!items.isEmpty, "nothing to cycle through")
        self.items = items
    }

    func next() -> Item {
        defer { position = (position + 1) % items.count }
        return items[position]
    }
}

/// The session a dialogue benchmark carries from one sample to the next.
final class SessionBox: @unchecked Sendable {
    var value: ChatSession

    init(_ value: ChatSession) {
        self.value = value
    }
}

let benchmarks: @Sendable () -> Void = {
    // Time is measured without counting allocations: the malloc interposer's counting runs inside
    // the timed region and made the warm turn's median 72 us against 64 us without it (same build,
    // same run). Allocations are counted by their own benchmarks below.
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .peakMemoryResident],
        timeUnits: .microseconds,
        maxDuration: .seconds(3),
        maxIterations: 100_000
    )
    let model = (try? EmbeddedModel.load()) ?? { fatalError("the embedded model does not load") }()
    let assistant = Assistant(model: model)
    let questions = regressionQuestions()
    let warmQuestions = Cycle(questions)
    let scaledQuestions = Cycle(questions)
    let recorded = transcripts()
    let scaled = Assistant(model: ScaledModel.tiled(model, copies: 15))

    // One iteration is one question, so the percentiles are per turn.
    Benchmark("Warm turn: classify + answer (regression questions)") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(assistant.respond(to: warmQuestions.next(), in: .start))
        }
    }

    let countedQuestions = Cycle(questions)
    Benchmark(
        "Allocations per warm turn (regression questions)",
        configuration: .init(metrics: [.mallocCountTotal], maxDuration: .seconds(1))
    ) { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(assistant.respond(to: countedQuestions.next(), in: .start))
        }
    }

    Benchmark("Warm turn, 315 intents (15x): classify + answer") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(scaled.respond(to: scaledQuestions.next(), in: .start))
        }
    }

    // Each recorded utterance through a session: state machine, rendering, context carried over.
    // Each conversation replays in its own session, so context carries over as it did live.
    let turns = Cycle(
        recorded.flatMap { transcript in transcript.turns.enumerated().map { ($0.offset == 0, $0.element.utterance) } })
    let session = SessionBox(ChatSession(assistant: assistant))
    Benchmark("Dialogue turn through ChatSession (transcript utterances)") { benchmark in
        for _ in benchmark.scaledIterations {
            let (startsConversation, utterance) = turns.next()
            if startsConversation { session.value = ChatSession(assistant: assistant) }
            blackHole(session.value.turn(utterance))
        }
    }

    Benchmark("Start-up: decode the embedded model and build the assistant") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(Assistant(model: (try? EmbeddedModel.decode()) ?? model))
        }
    }

    Benchmark(
        "Replay all transcripts/ in one process",
        configuration: .init(metrics: [.wallClock, .mallocCountTotal], timeUnits: .milliseconds)
    ) { benchmark in
        let replayer = Replayer(assistant: assistant)
        for _ in benchmark.scaledIterations {
            for transcript in recorded { blackHole(replayer.replay(transcript)) }
        }
    }
}
