import Foundation
public import KnotBotKit

/// The model compiled from `Intents/` and `Knowledge/` at build time and carried inside the binary,
/// so `knotbot` works from any folder and even when copied alone.
public enum EmbeddedModel {
    /// The embedded model, decoded once per process and kept for its whole life.
    ///
    /// The archive is a string literal read in place, so decoding copies nothing but what the model
    /// keeps. Kept for the process's life, the model is never torn down at exit either: a one-shot
    /// question pays for neither.
    public static let shared = Result { () throws(KnotBotError) in try decode() }

    /// Decodes the embedded archive afresh: what start-up pays (the benchmarks measure it).
    public static func decode() throws(KnotBotError) -> BotModel {
        try ModelArchive.decode(embeddedModelArchive, source: "embedded model")
    }

    /// The embedded model.
    public static func load() throws(KnotBotError) -> BotModel {
        try shared.get()
    }

    /// The fingerprint of the intents and knowledge the binary was built from.
    public static var fingerprint: String { embeddedModelFingerprint }
}

extension EmbeddedModel {
    /// The embedded model, or one compiled from another intents folder against the embedded
    /// knowledge (maintainers trying an edit without rebuilding).
    public static func load(intentsFolder: String?) throws(KnotBotError) -> BotModel {
        let embedded = try load()
        guard let intentsFolder else { return embedded }
        return try ModelCompiler.compile(
            intentsFolder: URL(fileURLWithPath: intentsFolder), knowledge: embedded.knowledge)
    }
}
