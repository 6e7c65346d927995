/// Where a session's replies go: a terminal, a pipe, or a test's capture.
public protocol TextOutput {
    /// Writes text as given; the caller adds newlines.
    mutating func write(_ text: String)
}

/// Collects everything written, for tests.
public struct CapturedOutput: TextOutput {
    public private(set) var text = ""

    public init() {}

    public mutating func write(_ text: String) {
        self.text += text
    }
}
