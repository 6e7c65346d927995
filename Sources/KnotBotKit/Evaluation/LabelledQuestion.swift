import Foundation

/// Which half of a labelled set an item belongs to: `tune` may be looked at while changing the bot,
/// `test` is kept aside to measure it.
public enum LabelledSplit: String, Sendable, Hashable, Codable, CaseIterable {
    case tune
    case test
}

/// One labelled question in the dev-set format: `{"q": "...", "topic": "..."}`.
///
/// The optional keys check the fact asked for, not only the topic: `"must"` holds groups of
/// alternatives, and the answer must contain one alternative of every group; `"must-not"` holds
/// phrases the answer must not contain; `"split"` is `"tune"` or `"test"`. Without them a line is
/// scored exactly as the dev set is.
public struct LabelledQuestion: Sendable, Hashable, Codable {
    public var q: String
    public var topic: String
    /// Groups of alternatives; the lower-cased answer holds at least one of each group.
    public var must: [[String]]
    /// Phrases the lower-cased answer holds none of.
    public var mustNot: [String]
    public var split: LabelledSplit?

    public init(
        q: String, topic: String, must: [[String]] = [], mustNot: [String] = [], split: LabelledSplit? = nil
    ) {
        self.q = q
        self.topic = topic
        self.must = must
        self.mustNot = mustNot
        self.split = split
    }

    enum CodingKeys: String, CodingKey {
        case q
        case topic
        case must
        case mustNot = "must-not"
        case split
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        q = try container.decode(String.self, forKey: .q)
        topic = try container.decode(String.self, forKey: .topic)
        must = try container.decodeIfPresent([[String]].self, forKey: .must) ?? []
        mustNot = try container.decodeIfPresent([String].self, forKey: .mustNot) ?? []
        // An empty group or phrase would pass or fail every answer, which is a mistake in the file.
        if must.contains(where: { $0.isEmpty || $0.contains(where: \.isEmpty) }) {
            throw LabelledLineProblem(message: "\"must\" holds an empty group or an empty alternative")
        }
        if mustNot.contains(where: \.isEmpty) {
            throw LabelledLineProblem(message: "\"must-not\" holds an empty phrase")
        }
        split = try LabelledLineProblem.split(in: container, forKey: .split)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(q, forKey: .q)
        try container.encode(topic, forKey: .topic)
        // Absent rather than empty, so a dev-set line encodes back to the dev-set format.
        if !must.isEmpty { try container.encode(must, forKey: .must) }
        if !mustNot.isEmpty { try container.encode(mustNot, forKey: .mustNot) }
        try container.encodeIfPresent(split, forKey: .split)
    }

    /// Why `answer` lacks the fact asked for, or nil when it holds every `must` group and no
    /// `must-not` phrase.
    ///
    /// Matching is by lower-cased substring, so "stretch" matches "stretches".
    public func factProblem(in answer: String) -> String? {
        let low = answer.lowercased()
        for group in must where !group.contains(where: { low.contains($0.lowercased()) }) {
            return "missing one of " + Self.quoted(group)
        }
        for phrase in mustNot where low.contains(phrase.lowercased()) {
            return "says \"\(phrase)\""
        }
        return nil
    }

    /// `["a","b"]`, the way the file writes a group, so a reason can be searched for in it.
    static func quoted(_ group: [String]) -> String {
        "[" + group.map { "\"\($0)\"" }.joined(separator: ",") + "]"
    }
}

/// One labelled conversation: `{"turns": [{"q", "topic"}, ...]}`, with an optional `"split"`.
public struct LabelledDialogue: Sendable, Hashable, Codable {
    public var turns: [LabelledQuestion]
    public var split: LabelledSplit?

    public init(turns: [LabelledQuestion], split: LabelledSplit? = nil) {
        self.turns = turns
        self.split = split
    }

    enum CodingKeys: String, CodingKey {
        case turns
        case split
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        turns = try container.decode([LabelledQuestion].self, forKey: .turns)
        split = try LabelledLineProblem.split(in: container, forKey: .split)
    }
}

/// A line that is valid JSON but not a valid labelled item, with words that say what is wrong.
struct LabelledLineProblem: Error {
    var message: String

    /// The split under `key`, nil when absent; any value but tune or test is a problem, not a
    /// silently dropped item.
    static func split<Key: CodingKey>(
        in container: KeyedDecodingContainer<Key>, forKey key: Key
    ) throws -> LabelledSplit? {
        guard let text = try container.decodeIfPresent(String.self, forKey: key) else { return nil }
        guard let split = LabelledSplit(rawValue: text) else {
            throw LabelledLineProblem(message: "unknown split \"\(text)\" (tune or test)")
        }
        return split
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

    /// The questions in `split`, or all of them when `split` is nil.
    public static func questions(_ questions: [LabelledQuestion], in split: LabelledSplit?) -> [LabelledQuestion] {
        guard let split else { return questions }
        return questions.filter { $0.split == split }
    }

    /// The conversations in `split`, or all of them when `split` is nil.
    public static func dialogues(_ dialogues: [LabelledDialogue], in split: LabelledSplit?) -> [LabelledDialogue] {
        guard let split else { return dialogues }
        return dialogues.filter { $0.split == split }
    }

    static func lines<T: Decodable>(_ file: DataFile, as type: T.Type) throws(KnotBotError) -> [T] {
        var items: [T] = []
        let decoder = JSONDecoder()
        for (index, line) in file.text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            guard !line.trimmingCharacters(in: .whitespaces).isEmpty else { continue }
            let item: T
            do {
                item = try decoder.decode(T.self, from: Data(line.utf8))
            } catch let problem as LabelledLineProblem {
                throw .invalidData([Diagnostic(file: file.path, line: index + 1, message: problem.message)])
            } catch {
                throw .invalidData([
                    Diagnostic(
                        file: file.path, line: index + 1,
                        message: T.self == LabelledQuestion.self
                            ? "expected {\"q\": \"question\", \"topic\": \"label\"} (optional \"must\": "
                                + "[[\"alternative\", ...], ...], \"must-not\": [\"phrase\", ...], \"split\")"
                            : "expected {\"turns\": [{\"q\": ..., \"topic\": ...}, ...]} (optional \"split\")")
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
