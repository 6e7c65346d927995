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
        var text = text
        text.withUTF8 { bytes in
            var offset = 0
            while offset < bytes.count {
                let written = Glibc.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return
                }
                offset += written
            }
        }
    }
}
