import Foundation

/// One labelled question in the dev-set format: `{"q": "...", "topic": "..."}`.
public struct LabelledQuestion: Sendable, Hashable, Codable {
    public var q: String
    public var topic: String

    public init(q: String, topic: String) {
        self.q = q
        self.topic = topic
    }
}

/// One labelled conversation: `{"turns": [{"q", "topic"}, ...]}`.
public struct LabelledDialogue: Sendable, Hashable, Codable {
    public var turns: [LabelledQuestion]

    public init(turns: [LabelledQuestion]) {
        self.turns = turns
    }
}

/// Reads labelled JSON Lines files, naming the line of anything malformed.
public enum LabelledSet {
    public static func questions(_ file: DataFile) throws(KnotBotError) -> [LabelledQuestion] {
        try lines(file, as: LabelledQuestion.self)
    }

    public static func dialogues(_ file: DataFile) throws(KnotBotError) -> [LabelledDialogue] {
        try lines(file, as: LabelledDialogue.self)
    }

    static func lines<T: Decodable>(_ file: DataFile, as type: T.Type) throws(KnotBotError) -> [T] {
        var items: [T] = []
        let decoder = JSONDecoder()
        for (index, line) in file.text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            guard !line.trimmingCharacters(in: .whitespaces).isEmpty else { continue }
            guard let item = try? decoder.decode(T.self, from: Data(line.utf8)) else {
                throw .invalidData([
                    Diagnostic(
                        file: file.path, line: index + 1,
                        message: T.self == LabelledQuestion.self
                            ? "expected {\"q\": \"question\", \"topic\": \"label\"}"
                            : "expected {\"turns\": [{\"q\": ..., \"topic\": ...}, ...]}")
                ])
            }
            items.append(item)
        }
        guard !items.isEmpty else {
            throw .invalidData([Diagnostic(file: file.path, line: nil, message: "holds no labelled lines")])
        }
        return items
    }
}
