import ArgumentParser
import Foundation
import KnotBotKit
import KnotBotTerminal

/// What `ask` was asked to do, whichever way its arguments were read.
struct AskSettings: Equatable {
    var json = false
    var intents: String?
    var explain = false
    var sources = false
    var transcript: String?
    var noTranscript = false
    var transcriptsDir: String?
    var question: [String] = []

    /// Sets up recording: `--transcript FILE` for any session, by default a new file for a chat.
    func startRecording(
        _ session: inout ChatSession, interactive: Bool, environment: [String: String]
    ) throws(KnotBotError) {
        if let transcriptsDir {
            session.saveStore = TranscriptFolder(path: transcriptsDir)
        } else {
            // stat(2) rather than FileManager, whose set-up costs a one-shot answer a tenth of a
            // millisecond for one question about one folder.
            var status = stat()
            if stat("transcripts", &status) == 0, status.st_mode & S_IFMT == S_IFDIR {
                session.saveStore = TranscriptFolder(path: "transcripts")
            }
        }
        session.keepsTurns = interactive || transcript != nil
        if let transcript {
            session.recorder = try TranscriptWriter.create(path: transcript, header: session.header)
        } else if interactive && !noTranscript {
            let folder = StatePaths(environment: environment).transcripts
            do {
                session.recorder = try TranscriptWriter.createNew(in: folder, header: session.header)
            } catch {
                var errors = StandardStream.error
                // The error names a path from the environment (XDG_STATE_HOME), which may hold anything.
                errors.write(TerminalText.escaped("knotbot: not recording this chat: \(error)") + "\n")
            }
        }
    }
}

extension AskSettings {
    /// The subcommands' names and aliases: a first word that is one of these is never a plain question.
    ///
    /// Read from the parser's configuration, so a new subcommand is refused here without being listed
    /// twice; "help" is the parser's own, which the configuration does not list. Reading the
    /// configuration is a static value, not the reflection over options that the fast path avoids.
    static let commandNames: Set<String> = Set(
        KnotBot.configuration.subcommands.flatMap { [$0._commandName] + $0.configuration.aliases }
    ).union(["help"])

    /// Reads the one shape of arguments that scripts use most and that can only be a question:
    /// `[--json] WORD...`, where no word starts with "-" and the first is not a subcommand.
    ///
    /// Anything else is `nil` and goes to the argument parser, which alone decides what it means;
    /// for this shape both give the same settings (a test checks it). The parser finds its options
    /// by reflection, which costs about 2 ms at every start (measured with callgrind): a
    /// third of a one-shot answer.
    init?(plainQuestion arguments: [String]) {
        var words = arguments[...]
        if words.first == "--json" {
            json = true
            words = words.dropFirst()
        }
        guard let first = words.first, !Self.commandNames.contains(first),
            !words.contains(where: { $0.hasPrefix("-") }),
            words.contains(where: { !$0.allSatisfy(\.isWhitespace) })
        else { return nil }
        question = Array(words)
    }
}
