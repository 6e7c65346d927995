import Foundation
public import KnotBotKit

/// The model compiled from `Intents/` and `Knowledge/` at build time and carried inside the binary,
/// so `knotbot` works from any folder and even when copied alone.
public enum EmbeddedModel {
    /// Decodes the embedded archive (a fraction of a millisecond; nothing is parsed as text).
    public static func load() throws(KnotBotError) -> BotModel {
        guard let data = Data(base64Encoded: embeddedModelArchive) else {
            throw .invalidData([
                Diagnostic(file: "embedded model", line: nil, message: "is not valid base64; rebuild knotbot")
            ])
        }
        return try ModelArchive.decode([UInt8](data), source: "embedded model")
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
