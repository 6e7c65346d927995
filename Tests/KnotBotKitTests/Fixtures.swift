import Foundation
import KnotBotEmbedded
import KnotBotKit

/// Shared test fixtures: the repository's folders and the model built from them.
enum Fixtures {
    static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let intents = repository.appendingPathComponent("Intents")
    static let knowledge = repository.appendingPathComponent("Knowledge")
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures")

    /// The model embedded at build time.
    static let model: BotModel = {
        do {
            return try EmbeddedModel.load()
        } catch {
            fatalError("the embedded model does not load: \(error)")
        }
    }()

    static let assistant = Assistant(model: model)

    static func article() throws -> Article {
        try ArticleParser.parse(DataFile.read(knowledge.appendingPathComponent("article.txt")))
    }

    /// A fresh temporary folder, removed by the caller.
    static func temporaryFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("knotbot-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    /// A copy of the repository's intents folder to break in a test.
    static func copyOfIntents() throws -> URL {
        let folder = try temporaryFolder().appendingPathComponent("Intents")
        try FileManager.default.copyItem(at: intents, to: folder)
        return folder
    }

    /// One reply in a fresh session.
    static func ask(_ question: String) -> Reply {
        assistant.respond(to: question, in: .start).reply
    }
}
