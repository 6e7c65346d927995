/// Turns a reply into the text one kind of reader wants.
public protocol ReplyRenderer: Sendable {
    /// The reply as text, ending in a newline.
    func render(_ reply: Reply) -> String
}
