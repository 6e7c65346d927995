import CSnowball
import Foundation

/// The Snowball (Porter2) English stemmer from Debian's libstemmer, safe to share between threads.
///
/// A libstemmer stemmer keeps its output in an internal buffer, so calls are serialised by a lock
/// and the result is copied before the lock is released; that is what makes the unchecked
/// `Sendable` sound.
public final class Stemmer: @unchecked Sendable {
    private let lock = NSLock()
    private let stemmer: OpaquePointer?

    public init() {
        stemmer = sb_stemmer_new("english", "UTF_8")
    }

    deinit {
        if let stemmer { sb_stemmer_delete(stemmer) }
    }

    /// The stem of one lower-case word; the word itself if the stemmer is unavailable.
    public func stem(_ word: String) -> String {
        guard let stemmer else { return word }
        return word.withUTF8Bytes { bytes in
            lock.lock()
            defer { lock.unlock() }
            guard let base = bytes.baseAddress, let output = sb_stemmer_stem(stemmer, base, Int32(bytes.count))
            else { return String(decoding: bytes, as: UTF8.self) }
            let length = Int(sb_stemmer_length(stemmer))
            return String(decoding: UnsafeBufferPointer(start: output, count: length), as: UTF8.self)
        }
    }
}
