#if canImport(Glibc)
    import Glibc
#endif

/// Whole writes to a file descriptor: the one place the `write(2)` loop lives.
public enum FileDescriptor {
    /// Writes all of `text` to `descriptor`, retrying after a signal and after short writes; returns
    /// nil, or the `errno` of the write that failed (a full disk, a file-size limit, a closed pipe).
    @discardableResult
    public static func writeAll(_ text: String, to descriptor: Int32) -> Int32? {
        var text = text
        return text.withUTF8 { bytes -> Int32? in
            guard let base = bytes.baseAddress else { return nil }
            var offset = 0
            while offset < bytes.count {
                let written = write(descriptor, base + offset, bytes.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return errno
                }
                offset += written
            }
            return nil
        }
    }
}
