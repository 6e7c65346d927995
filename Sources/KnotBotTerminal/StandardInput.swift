import Foundation
public import KnotBotKit

/// Lines from standard input as bytes arrive, for pipes and dumb terminals.
///
/// Reads the descriptor itself rather than through the C library's buffered stream: after an
/// interrupted read that stream keeps an error flag, and the standard library's `readLine` then
/// returns at once, for ever, so a signal turned a waiting chat into a loop at 100% CPU. Here an
/// interrupted read ends input when SIGTERM, SIGHUP or SIGQUIT asked the chat to end, or when Ctrl-C
/// came on an empty line (as it does in the line editor); any other read error ends input too.
public struct StandardInput: LineReader {
    /// The longest line kept, in bytes: 8 MiB holds any post a person pastes (the longest real post in
    /// the corpora is under 10 KB; a turn reads only its first 2,000 characters) and the megabyte
    /// lines of the hostile-input tests, while the rest of a longer line is skipped so that a stream
    /// with no newline cannot exhaust memory and end the session silently.
    public static let maximumLineBytes = 8 << 20
    /// Bytes asked of each read.
    static let chunkBytes = 64 << 10

    private let descriptor: Int32
    /// One buffer for the whole session; `start..<end` is what is read but not yet returned.
    private var pending = [UInt8](repeating: 0, count: chunkBytes)
    private var start = 0
    private var end = 0
    private var atEnd = false
    private var warnings = StandardStream.error
    private var lineNumber = 0

    /// Reads `descriptor`, standard input (0) unless a test gives another.
    public init(descriptor: Int32 = 0) {
        self.descriptor = descriptor
    }

    public mutating func readLine() -> String? {
        var line: [UInt8] = []
        var sawBytes = false
        var skipped = 0
        while true {
            let available = pending[start..<end]
            let newline = available.firstIndex(of: UInt8(ascii: "\n"))
            let piece = available[..<(newline ?? available.endIndex)]
            sawBytes = sawBytes || newline != nil || !piece.isEmpty
            let room = Self.maximumLineBytes - line.count
            line.append(contentsOf: piece.prefix(room))
            skipped += max(0, piece.count - room)
            if let newline {
                start = newline + 1
                return finish(line, skipped: skipped)
            }
            start = 0
            end = 0
            if atEnd { return sawBytes ? finish(line, skipped: skipped) : nil }
            switch fill() {
            case .bytes: continue
            case .end: atEnd = true
            case .interrupted:
                if TerminationSignals.received != nil || (line.isEmpty && skipped == 0) { return nil }
            }
        }
    }

    private enum Fill { case bytes, end, interrupted }

    /// Reads one chunk into the empty buffer.
    private mutating func fill() -> Fill {
        let descriptor = descriptor
        let count = pending.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
        if count > 0 {
            end = count
            return .bytes
        }
        if count < 0 && errno == EINTR { return .interrupted }
        return .end
    }

    private mutating func finish(_ bytes: [UInt8], skipped: Int) -> String {
        lineNumber += 1
        if skipped > 0 {
            warnings.write(
                "knotbot: line \(lineNumber) of the input is longer than \(Self.maximumLineBytes / 1_048_576) MiB; "
                    + "only its first \(Self.maximumLineBytes / 1_048_576) MiB were read (\(skipped) bytes skipped)\n")
        }
        var text = String(decoding: bytes, as: UTF8.self)
        if text.hasSuffix("\r") { text.removeLast() }
        return text
    }
}
