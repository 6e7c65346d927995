extension String {
    /// Lends the string's UTF-8 bytes without copying the string.
    ///
    /// A native string lends its storage and a small one copies its bytes to the stack. `withUTF8`
    /// needs a mutable copy of the string, retained and released each call: a turn makes some 200
    /// word lookups, where that was a tenth of each.
    @inline(__always)
    func withUTF8Bytes<Result>(_ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        if let result = utf8.withContiguousStorageIfAvailable(body) { return result }
        var copy = self
        return copy.withUTF8(body)
    }
}
