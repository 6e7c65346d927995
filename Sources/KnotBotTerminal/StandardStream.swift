import CEditLine
public import KnotBotKit

#if canImport(Glibc)
    import Glibc
#endif

/// Standard output or standard error, written through unbuffered `write(2)` calls per reply.
public struct StandardStream: TextOutput, Sendable {
    private let descriptor: Int32

    public static let output = StandardStream(descriptor: 1)
    public static let error = StandardStream(descriptor: 2)

    public mutating func write(_ text: String) {
        // A closed pipe or full disk on stdout or stderr has nobody left to tell.
        FileDescriptor.writeAll(text, to: descriptor)
    }
}
