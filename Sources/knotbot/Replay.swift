import ArgumentParser
import Foundation
import KnotBotEmbedded
import KnotBotKit
import KnotBotTerminal

/// `--match` values, mapped onto the library's `ReplayMatch`.
enum MatchOption: String, ExpressibleByArgument, CaseIterable {
    case behaviour
    case intent
    case exact

    var match: ReplayMatch {
        switch self {
        case .behaviour: .behaviour
        case .intent: .intent
        case .exact: .exact
        }
    }
}

/// `--kind` values: the library's mutation kinds, spelt with hyphens.
enum KindOption: String, ExpressibleByArgument, CaseIterable {
    case redFlagRule = "red-flag-rule"
    case conceptWord = "concept-word"
    case keyword
    case example
    case fact
    case swappedAnswers = "swapped-answers"
    case threshold

    var kind: Mutation.Kind {
        switch self {
        case .redFlagRule: .redFlagRule
        case .conceptWord: .conceptWord
        case .keyword: .keyword
        case .example: .example
        case .fact: .fact
        case .swappedAnswers: .swappedAnswers
        case .threshold: .threshold
        }
    }
}

/// `knotbot replay`: replays recorded conversations and reports every turn that changed.
struct Replay: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay",
        abstract: "Replay recorded conversations as regression tests.",
        discussion: """
            Each transcript's utterances go through a fresh session and every reply is compared with \
            the recorded one; an empty (0-byte) file is skipped with a warning. A failing turn shows \
            each field that differs, expected then actual, and a word diff of the answer; errors and \
            warnings go to stderr as file:line: error: message. Exit status: 0 all \
            passed, 1 a transcript failed, 65 a transcript is malformed, 66 no transcripts found, 74 a \
            file or folder cannot be read (the highest of these wins).
            """
    )

    @Argument(help: "Transcript files or folders (default: transcripts/ in the current folder).")
    var paths: [String] = []

    @Option(
        help: """
            What must match: behaviour (intent, urgent, understood, sources, facts and dialogue state), \
            intent (only intent, urgent, understood) or exact (behaviour plus the answer's wording and \
            the confidence).
            """)
    var match: MatchOption = .behaviour

    @Flag(help: "Re-record the expected replies in place after a deliberate change, and show what changed.")
    var update = false

    @Flag(help: "Report which intents, dialogue phases, transitions and commands the transcripts reach.")
    var coverage = false

    @Flag(
        help: """
            Mutation testing: make small changes to the intents, red flags and knowledge in memory, \
            replay the transcripts against each, and report what no transcript notices.
            """)
    var mutations = false

    @Option(help: ArgumentHelp("With --mutations: test only this many, chosen by --seed.", valueName: "n"))
    var sample: Int?

    @Option(help: ArgumentHelp("With --sample: the seed that chooses them.", valueName: "s"))
    var seed: UInt64 = 1

    @Option(
        name: .customLong("kind"),
        help: ArgumentHelp(
            "With --mutations: only mutations of this kind (repeatable): \(KindOption.allValueStrings.joined(separator: ", ")).",
            valueName: "kind"))
    var kinds: [KindOption] = []

    @Option(
        name: .customLong("group"),
        help: ArgumentHelp(
            "With --mutations: only mutations of this group, as the report names it (repeatable): "
                + "'concept numbness', 'flag fever', 'intent release_methods'.",
            valueName: "group"))
    var groups: [String] = []

    @Option(
        name: .customLong("fail-under"),
        help: ArgumentHelp("With --mutations: exit 1 if the mutation score is below this percent.", valueName: "p"))
    var failUnder: Double?

    @Option(
        name: .customLong("safety-fail-under"),
        help: ArgumentHelp(
            "With --mutations: exit 1 if the safety mutation score is below this percent.", valueName: "p"))
    var safetyFailUnder: Double?

    @Flag(help: "With --mutations: the report as JSON.")
    var json = false

    @OptionGroup var intentsOption: IntentsOption

    func validate() throws {
        if !mutations
            && (sample != nil || json || !kinds.isEmpty || !groups.isEmpty || failUnder != nil
                || safetyFailUnder != nil)
        {
            throw ValidationError(
                "--sample, --kind, --group, --fail-under, --safety-fail-under and --json go with --mutations")
        }
        if mutations && (update || coverage) {
            throw ValidationError("--mutations cannot be combined with --update or --coverage")
        }
        if let sample, sample < 1 { throw ValidationError("--sample must be at least 1") }
    }

    func run() throws {
        if mutations { return try runMutations() }
        let model: BotModel
        let files: [URL]
        do {
            model = try EmbeddedModel.load(intentsFolder: intentsOption.intents)
            files = try TranscriptReader.files(at: paths.isEmpty ? ["transcripts"] : paths)
        } catch {
            throw error.report()
        }
        let replayer = Replayer(assistant: Assistant(model: model), match: match.match)
        var output = StandardStream.output
        var errors = StandardStream.error
        let showProgress = isatty(2) == 1
        // Colour where the chat would use it, and lines wrapped to the terminal's width as the chat
        // wraps its replies; a pipe or file gets plain lines whole. The diagnostics on stderr stay
        // plain, for editors and logs.
        let terminal = TerminalInfo.current(environment: ProcessInfo.processInfo.environment)
        var report = ReplayReport(
            renderer: TurnDifferenceRenderer(
                style: terminal.usesColor ? TerminalStyle.replay : .plain, width: terminal.columns))
        var reached = ReplayCoverage()
        var shown = (lines: 0, diagnostics: 0)
        // Each file's diagnostics and results as soon as it is done, in file order: an error shows
        // beside the file it is about, and a long replay shows its progress.
        func show() {
            let diagnostics = report.diagnostics[shown.diagnostics...]
            let lines = report.lines[shown.lines...]
            guard !diagnostics.isEmpty || !lines.isEmpty else { return }
            if showProgress { errors.write("\r\u{1B}[K") }
            errors.write(diagnostics.map { $0 + "\n" }.joined())
            output.write(lines.map { $0 + "\n" }.joined())
            shown = (report.lines.count, report.diagnostics.count)
        }
        for (index, file) in files.enumerated() {
            defer { show() }
            if showProgress {
                // A file name may hold anything, escapes included: escaped, it cannot drive the terminal.
                let name = TerminalText.escaped(file.lastPathComponent)
                errors.write("\rreplaying \(index + 1)/\(files.count) \(name)\u{1B}[K")
            }
            let read: Transcript?
            do {
                read = try TranscriptReader.read(contentsOf: file)
            } catch {
                report.add(malformed: error)
                continue
            }
            guard let transcript = read else {
                report.add(skippedEmpty: file.path)
                continue
            }
            let result = replayer.replay(transcript)
            reached.add(result)
            var updated = false
            // An older format is rewritten even when it passes, so the upgrade runs once, not on every read.
            if update && (!result.passed || transcript.header.format < TranscriptFormat.current) {
                do {
                    try TranscriptWriter.replace(file, with: replayer.updated(result).text)
                    updated = true
                } catch {
                    report.add(result, updateError: error)
                    continue
                }
            }
            report.add(result, updated: updated)
        }
        if showProgress { errors.write("\r\u{1B}[K") }
        if coverage {
            output.write("\n" + reached.report(model: model).text + "\n")
        }
        output.write(report.summary + "\n")
        if report.exitCode != 0 { throw ExitCode(report.exitCode) }
    }
}
