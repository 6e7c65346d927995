import ArgumentParser
import Foundation
import KnotBotEmbedded
import KnotBotKit
import KnotBotTerminal

extension Replay {
    /// `knotbot replay --mutations`: the mutation score of the transcripts.
    ///
    /// The intents are compiled from their folder (`--intents`, else `Intents/` here), since
    /// mutations change the data, not the built model.
    func runMutations() throws {
        let folder = intentsOption.intents ?? "Intents"
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder), isFolder.boolValue else {
            throw KnotBotError.noInput(
                path: folder, reason: "no intents folder here; run in the repository or give --intents DIR"
            ).report()
        }
        let source: MutationSource
        var transcripts: [Transcript] = []
        do {
            let knowledge = try EmbeddedModel.load().knowledge
            source = try MutationSource.compile(intentsFolder: URL(fileURLWithPath: folder), knowledge: knowledge)
            for file in try TranscriptReader.files(at: paths.isEmpty ? ["transcripts"] : paths) {
                if let transcript = try TranscriptReader.read(contentsOf: file) { transcripts.append(transcript) }
            }
        } catch {
            throw error.report()
        }
        let tester = MutationTester(source: source, transcripts: transcripts, match: match.match)
        var chosen = source.mutations()
        if !kinds.isEmpty {
            let wanted = Set(kinds.map(\.kind))
            chosen = chosen.filter { wanted.contains($0.kind) }
        }
        if !groups.isEmpty {
            let wanted = Set(groups)
            let known = Set(chosen.map(\.group))
            if let unknown = groups.first(where: { !known.contains($0) }) {
                throw ValidationError("no mutations in group '\(unknown)' (groups look like 'concept numbness')")
            }
            chosen = chosen.filter { wanted.contains($0.group) }
        }
        if let sample { chosen = MutationSample.pick(chosen, count: sample, seed: seed) }
        let showProgress = isatty(2) == 1
        let start = Date()
        let outcomes = tester.run(chosen, workers: ProcessInfo.processInfo.activeProcessorCount) { done, total in
            // About a hundred updates a run: enough to see it move, few enough not to slow it.
            guard showProgress, done == total || done % max(1, total / 100) == 0 else { return }
            var errors = StandardStream.error
            errors.write("\rmutations \(done)/\(total)\u{1B}[K")
        }
        if showProgress {
            var errors = StandardStream.error
            errors.write("\r\u{1B}[K")
        }
        let report = MutationReport(
            outcomes: outcomes, transcripts: tester.transcripts.count, failingUnmutated: tester.failingUnmutated,
            match: match.match)
        var output = StandardStream.output
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            output.write(String(decoding: try encoder.encode(report), as: UTF8.self) + "\n")
        } else {
            output.write(report.lines.map { $0 + "\n" }.joined())
        }
        if showProgress {
            var errors = StandardStream.error
            errors.write(String(format: "%d mutations in %.1f s\n", chosen.count, Date().timeIntervalSince(start)))
        }
        var below: [String] = []
        if let failUnder, report.overall.percent < failUnder {
            below.append("mutation score \(report.overall.percent)% is below \(failUnder)%")
        }
        if let safetyFailUnder, report.safety.percent < safetyFailUnder {
            below.append("safety mutation score \(report.safety.percent)% is below \(safetyFailUnder)%")
        }
        if !below.isEmpty {
            var errors = StandardStream.error
            errors.write(below.map { "error: \($0)\n" }.joined())
            throw ExitCode(1)
        }
    }
}
