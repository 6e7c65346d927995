import Foundation

/// One text of the safety set: what care it must send the person to, and why.
public struct SafetyCase: Sendable, Hashable, Codable {
    public var text: String
    /// `emergency`, `urgent`, `crisis`, or `none` for a near-miss.
    public var expect: String
    /// Every flag the text describes, by id.
    public var flags: [String]
    /// `user`-side labels as written in the set: `self`, `other`, `family`, `general`.
    public var who: String
    /// For a near-miss, why it is one (`negated`, `family-history`, ...); empty otherwise.
    public var `class`: String
    /// Where a real text was found; empty for written ones.
    public var url: String
    /// `tune` or `test`, fixed when the set was made.
    public var split: String

    public init(
        text: String, expect: String, flags: [String], who: String = "self", class: String = "", url: String = "",
        split: String = "tune"
    ) {
        self.text = text
        self.expect = expect
        self.flags = flags
        self.who = who
        self.class = `class`
        self.url = url
        self.split = split
    }

    /// Whether the text must raise no warning.
    public var isNearMiss: Bool {
        expect == "none"
    }
}

/// Reads safety-set files (JSON Lines), naming the line of anything malformed.
public enum SafetySet {
    static let expectations: Set<String> = ["emergency", "urgent", "crisis", "none"]

    public static func cases(_ file: DataFile) throws(KnotBotError) -> [SafetyCase] {
        var cases: [SafetyCase] = []
        var problems: [Diagnostic] = []
        let decoder = JSONDecoder()
        for (index, line) in file.text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            guard !line.trimmingCharacters(in: .whitespaces).isEmpty else { continue }
            guard let item = try? decoder.decode(SafetyCase.self, from: Data(line.utf8)) else {
                problems.append(
                    Diagnostic(
                        file: file.path, line: index + 1,
                        message: "expected {\"text\", \"expect\", \"flags\", \"who\", \"class\", \"url\", \"split\"}"))
                continue
            }
            if !expectations.contains(item.expect) {
                problems.append(
                    Diagnostic(
                        file: file.path, line: index + 1,
                        message: "expect must be emergency, urgent, crisis or none, not '\(item.expect)'"))
            }
            cases.append(item)
        }
        guard problems.isEmpty else { throw .invalidData(problems) }
        guard !cases.isEmpty else {
            throw .invalidData([Diagnostic(file: file.path, line: nil, message: "holds no safety cases")])
        }
        return cases
    }
}
