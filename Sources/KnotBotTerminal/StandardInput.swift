public import KnotBotKit

/// Lines from standard input as bytes arrive, for pipes and dumb terminals.
public struct StandardInput: LineReader {
    public init() {}

    public mutating func readLine() -> String? {
        Swift.readLine(strippingNewline: true).map { line in
            line.hasSuffix("\r") ? String(line.dropLast()) : line
        }
    }
}
