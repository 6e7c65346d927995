import ArgumentParser

/// `--intents DIR`, shared by every command that answers: try an edited intents folder without
/// rebuilding.
struct IntentsOption: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp("Load intents from this folder instead of the built-in ones.", valueName: "dir"),
        completion: .directory)
    var intents: String?
}
