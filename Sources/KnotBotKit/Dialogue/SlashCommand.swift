/// A command typed at the prompt, starting with `/`.
public enum SlashCommand: String, Sendable, CaseIterable {
    case help
    case topics
    case reset
    case why
    case sources
    case save
    case expect
    case forget
    case quit

    /// What the command does, for `/help` and completion.
    public var summary: String {
        switch self {
        case .help: "what I can answer, and these commands"
        case .topics: "the topics I know"
        case .reset: "forget the conversation so far"
        case .why: "why I gave my last answer"
        case .sources: "the full sources of my last answer"
        case .save: "save this conversation as a regression test (/save NAME)"
        case .expect: "mark the intent my last answer should have had, before /save (/expect INTENT)"
        case .forget: "delete this chat's transcript and stop recording it"
        case .quit: "end the chat"
        }
    }

    /// The result of reading a line as a command.
    public enum Parsed: Sendable, Hashable {
        case command(SlashCommand, argument: String)
        case unknown(String)
    }

    /// The command a line holds, or nil when it is not a command at all.
    public static func parse(_ line: String) -> Parsed? {
        let trimmed = line.trimmingWhitespace
        guard trimmed.hasPrefix("/") else { return nil }
        let word = trimmed.dropFirst().prefix { !$0.isWhitespace }
        let name = word.lowercased()
        let argument = String(trimmed.dropFirst(1 + word.count)).trimmingWhitespace
        if let command = SlashCommand(rawValue: name) { return .command(command, argument: argument) }
        if name == "exit" || name == "bye" { return .command(.quit, argument: "") }
        return .unknown("/" + name)
    }

    /// The commands one a line, names padded to one column, for `/help`.
    public static var table: String {
        let width = allCases.map(\.rawValue.count).max() ?? 0
        return allCases.map { command in
            let name = "/" + command.rawValue
            return "  " + name + String(repeating: " ", count: width + 1 - name.count + 2) + command.summary
        }
        .joined(separator: "\n")
    }

    /// "/help, /topics, ..." for messages.
    public static var list: String {
        allCases.map { "/" + $0.rawValue }.joined(separator: ", ")
    }
}
