import ArgumentParser
import Foundation
import KnotBotEmbedded
import KnotBotKit
import KnotBotTerminal

/// `knotbot intents lint`: checks every intent file and reports `file:line: error|warning: message`.
struct IntentsLint: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lint",
        abstract: "Check intent files: schema, answers, duplicate and misclassified examples, keyword clashes.",
        discussion: "Exit status: 0 no errors (warnings allowed), 65 any error, 74 the folder cannot be read."
    )

    @Argument(help: "The intents folder (default: Intents/ in the current folder).", completion: .directory)
    var folder: String = "Intents"

    func run() throws {
        let findings: [Diagnostic]
        do {
            let knowledge = try EmbeddedModel.load().knowledge
            findings = try IntentLinter.lint(folder: URL(fileURLWithPath: folder), knowledge: knowledge)
        } catch {
            throw error.report()
        }
        var output = StandardStream.output
        // Findings quote file names and intent text: escaped, none of it can drive the terminal.
        for finding in findings { output.write(TerminalText.escaped("\(finding)") + "\n") }
        let errors = findings.filter { $0.severity == .error }.count
        let warnings = findings.count - errors
        output.write("\(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")\n")
        if errors > 0 { throw ExitCode(65) }
    }
}
