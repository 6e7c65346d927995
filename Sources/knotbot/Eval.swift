import ArgumentParser
import Foundation
import KnotBotEmbedded
import KnotBotKit
import KnotBotTerminal

/// `knotbot eval`: scores the bot on labelled questions and conversations.
struct Eval: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Score the bot on labelled questions: precision, recall and F1 per topic, confusions, misses.",
        discussion: """
            FILE holds one {"q": "...", "topic": "..."} per line (the dev-set format); --dialogues \
            holds one {"turns": [...]} per line, each played as one session. Replies are judged by \
            content, as the shared evaluation judges them; a line's optional "must" groups (one \
            alternative of each) and "must-not" phrases then check the fact asked for. --split keeps \
            only the lines marked "split": "tune" or "test". The last line is the summary, ending \
            with the overall figure (single questions and dialogue turns together).

            --cross-validate K splits the set into K folds by a fixed hash of each question (a \
            conversation by its first turn), chooses the threshold and margin on the other folds and \
            scores each fold with them; the last line is the pooled figure over all folds.

            --safety scores a safety set instead (Tests/Data/Safety: one {"text", "expect", "flags", \
            "who", "class", "url", "split"} per line, files or folders of .jsonl): recall per flag and \
            per tier, the right tier, crisis recall, and false alarms per near-miss class.
            """
    )

    @Argument(help: "Labelled questions, one JSON object per line.")
    var file: String?

    @Option(
        name: .customLong("safety"),
        help: ArgumentHelp("A safety-set file or folder of .jsonl files (repeatable).", valueName: "path"))
    var safety: [String] = []

    @Option(help: ArgumentHelp("Only the tune or test part (labelled or safety set).", valueName: "tune|test"))
    var split: String?

    @Option(help: ArgumentHelp("Labelled conversations, one JSON object per line.", valueName: "file"))
    var dialogues: String?

    @Flag(help: "Write the report as one JSON object.")
    var json = false

    @Flag(help: "Show accuracy over a grid of confidence thresholds and clarification margins.")
    var sweep = false

    @Option(
        name: .customLong("cross-validate"),
        help: ArgumentHelp(
            "Choose the threshold and margin on all folds but one and score that one, for each of K folds.",
            valueName: "K"))
    var crossValidate: Int?

    @OptionGroup var intentsOption: IntentsOption

    func validate() throws {
        if file == nil && safety.isEmpty {
            throw ValidationError("give labelled questions (FILE) or a safety set (--safety PATH)")
        }
        if let crossValidate, !(2...10).contains(crossValidate) {
            throw ValidationError("--cross-validate takes 2 to 10 folds, not \(crossValidate)")
        }
        if let split, !["tune", "test"].contains(split) {
            throw ValidationError("--split takes tune or test, not '\(TerminalText.escaped(split))'")
        }
    }

    func run() throws {
        if !safety.isEmpty {
            try runSafety()
            return
        }
        guard let file else { return }
        let model: BotModel
        var questions: [LabelledQuestion]
        var conversations: [LabelledDialogue] = []
        do {
            model = try EmbeddedModel.load(intentsFolder: intentsOption.intents)
            questions = try LabelledSet.questions(DataFile.read(URL(fileURLWithPath: file)))
            if let dialogues {
                conversations = try LabelledSet.dialogues(DataFile.read(URL(fileURLWithPath: dialogues)))
            }
        } catch {
            throw error.report()
        }
        // validate() has already refused any other value, so nil here means no --split.
        let part = split.flatMap(LabelledSplit.init(rawValue:))
        questions = LabelledSet.questions(questions, in: part)
        conversations = LabelledSet.dialogues(conversations, in: part)
        var output = StandardStream.output
        if sweep {
            output.write(Self.sweepTable(model: model, questions: questions, dialogues: conversations))
            return
        }
        if let crossValidate {
            let result = CrossValidation.run(
                model: model, questions: questions, dialogues: conversations, count: crossValidate,
                thresholds: Self.thresholds, margins: Self.margins)
            Self.write(result, text: result.text, json: json, to: &output)
            return
        }
        var progress = StandardStream.error
        let showProgress = isatty(2) == 1
        let report = Evaluator(assistant: Assistant(model: model)).evaluate(
            questions: questions, dialogues: conversations
        ) { done, total in
            if showProgress { progress.write("\revaluating \(done)/\(total)\u{1B}[K") }
        }
        if showProgress { progress.write("\r\u{1B}[K") }
        Self.write(report, text: report.text, json: json, to: &output)
    }

    private func runSafety() throws {
        let model: BotModel
        var cases: [SafetyCase] = []
        do {
            model = try EmbeddedModel.load(intentsFolder: intentsOption.intents)
            for path in safety {
                let url = URL(fileURLWithPath: path)
                var isFolder: ObjCBool = false
                let files =
                    FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) && isFolder.boolValue
                    ? try DataFile.files(in: url, extension: "jsonl") : [url]
                for file in files { cases += try SafetySet.cases(DataFile.read(file)) }
            }
        } catch {
            throw error.report()
        }
        if let split { cases = cases.filter { $0.split == split } }
        var progress = StandardStream.error
        let showProgress = isatty(2) == 1
        let report = SafetyEvaluator(assistant: Assistant(model: model)).evaluate(cases) { done, total in
            if showProgress { progress.write("\revaluating \(done)/\(total)\u{1B}[K") }
        }
        if showProgress { progress.write("\r\u{1B}[K") }
        var output = StandardStream.output
        Self.write(report, text: report.text, json: json, to: &output)
    }

    /// The grid that `--sweep` shows and `--cross-validate` chooses from.
    static let thresholds = [0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4]
    static let margins = [0.0, 0.02, 0.05, 0.1]

    static func sweepTable(model: BotModel, questions: [LabelledQuestion], dialogues: [LabelledDialogue]) -> String {
        let rows = Evaluator.sweep(
            model: model, questions: questions, dialogues: dialogues, thresholds: thresholds, margins: margins)
        var lines = ["threshold  margin  summary"]
        for row in rows {
            let current =
                row.threshold == model.dialogue.threshold
                    && row.margin == model.dialogue.clarificationMargin
                ? "  <- in force" : ""
            lines.append("     \(row.threshold)    \(row.margin)  \(row.summary.line)\(current)")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Writes a report as one JSON object (escapes written as `\u` sequences) or as its text.
    static func write(_ report: some Encodable, text: String, json: Bool, to output: inout StandardStream) {
        guard json else { return output.write(text) }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(report)) ?? Data("{}".utf8)
        output.write(TerminalText.escapedJSON(String(decoding: data, as: UTF8.self)) + "\n")
    }
}
