import ArgumentParser

/// `knotbot intents`: tools for the intent files.
struct IntentsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "intents",
        abstract: "Tools for maintainers of the intent files.",
        subcommands: [IntentsLint.self, IntentsTrace.self]
    )
}
