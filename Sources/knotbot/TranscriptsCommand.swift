import ArgumentParser
import Foundation
import KnotBotKit
import KnotBotTerminal

/// `knotbot transcripts`: lists the chats recorded on this machine, newest first, or prunes old ones.
struct TranscriptsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "transcripts",
        abstract: "List recorded chats (newest first), or delete old ones with --prune DAYS.",
        discussion: """
            Chats are recorded in $XDG_STATE_HOME/knotbot/transcripts (by default \
            ~/.local/state/knotbot/transcripts), one file each, private to you. Each line shows when \
            the chat started, its turns, its first question and its file. In a chat, /forget deletes \
            that chat's file; knotbot --no-transcript chats without recording.

            Exit status: 0 done, 64 a bad option, 74 the folder cannot be read or a file deleted.
            """
    )

    @Option(help: ArgumentHelp("Delete recorded chats last written more than this many days ago.", valueName: "days"))
    var prune: Int?

    func validate() throws {
        if let prune, prune < 0 { throw ValidationError("--prune takes a number of days, 0 or more; got \(prune)") }
    }

    func run() throws {
        let environment = ProcessEnvironment.current()
        let chats = RecordedChats(folder: StatePaths(environment: environment).transcripts)
        var output = StandardStream.output
        let home = environment["HOME"]
        do {
            if let prune {
                let deleted = try chats.prune(olderThanDays: prune, now: Int(Date.now.timeIntervalSince1970))
                for entry in deleted { output.write(TerminalText.escaped("deleted \(entry.path)") + "\n") }
                let count = deleted.count
                output.write(
                    "\(count) recorded chat\(count == 1 ? "" : "s") older than \(prune) day\(prune == 1 ? "" : "s") "
                        + "deleted\n")
                return
            }
            let entries = try chats.list()
            guard !entries.isEmpty else {
                output.write(
                    TerminalText.escaped("No recorded chats in \(HomePath.abbreviated(chats.folder.path, home: home)).")
                        + "\n")
                return
            }
            for entry in entries {
                output.write(TerminalText.escaped(Self.line(entry, home: home)) + "\n")
            }
        } catch {
            throw error.report()
        }
    }

    /// "2026-11-30 17:33  5 turns  "how do I ..."  ~/.local/state/knotbot/transcripts/....jsonl".
    static func line(_ entry: RecordedChats.Entry, home: String?) -> String {
        let when = entry.started.replacingOccurrences(of: "T", with: " ").prefix(16)
        let path = HomePath.abbreviated(entry.path, home: home)
        guard let turns = entry.turns else { return "\(when)  unreadable: \(entry.problem ?? "")  \(path)" }
        let count = "\(turns) turn\(turns == 1 ? "" : "s")".padding(toLength: 9, withPad: " ", startingAt: 0)
        let question = entry.firstQuestion.map { "\"\($0)\"" } ?? "(no question)"
        return "\(when)  \(count)  \(question)  \(path)"
    }
}
