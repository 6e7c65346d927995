/// The chat's first screen: what it answers, how to leave, and whether and where it is recorded.
///
/// A chat records by default, so the first screen says so, with the file and the two ways out
/// (`/forget` now, `--no-transcript` next time): people were not told their health conversation
/// was being kept.
public struct ChatBanner: Sendable {
    public var title: String
    /// The transcript's path, or nil when this chat is not being recorded.
    public var recording: String?
    /// The home folder, shown as `~` at the start of the path.
    public var home: String?

    public init(title: String, recording: String?, home: String?) {
        self.title = title
        self.recording = recording
        self.home = home
    }

    /// The banner, wrapped at `width` columns when given, ending with a blank line.
    public func render(width: Int?) -> String {
        var lines = [
            "KnotBot: ask me about \"\(title)\".",
            "Type a question, /help for help, /quit or Ctrl-D to leave.",
        ]
        if let recording {
            lines.append(
                "Recording this chat to \(TerminalText.escaped(HomePath.abbreviated(recording, home: home))) "
                    + "(/forget deletes it; knotbot --no-transcript chats without recording).")
        } else {
            lines.append("This chat is not being recorded.")
        }
        let text = lines.joined(separator: "\n")
        let wrapped = width.map { $0 >= 20 ? PlainReplyRenderer.wrap(text, width: $0) : text } ?? text
        return wrapped + "\n\n"
    }
}
