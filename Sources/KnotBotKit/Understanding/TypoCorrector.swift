/// Repairs misspelt domain words ("mussle", "piont", "latant") by edit distance to known terms.
///
/// Only words the bot does not know are repaired, and only into domain terms, so ordinary words it
/// has never seen ("bread", "france") are left alone rather than bent into "break" or "fascia".
public struct TypoCorrector: Sendable, Hashable {
    /// Domain terms in order of preference: most frequent in the intents first.
    public let targets: PackedStrings

    public init(targets: PackedStrings) {
        self.targets = targets
    }

    public init(targets: [String]) {
        self.init(targets: PackedStrings(targets))
    }

    /// The largest edit distance allowed for a word of this length: none for short words, where
    /// one edit already makes another word.
    static func allowedDistance(forLength length: Int) -> Int {
        // Two edits only from eight letters: at seven, two edits already turn "wrecked" into
        // "whacked".
        switch length {
        case ..<4: 0
        case 4..<8: 1
        default: 2
        }
    }

    /// The closest domain term within the allowed distance, or nil.
    public func repair(_ word: String) -> String? {
        let scalars = word.unicodeScalars
        let limit = Self.allowedDistance(forLength: scalars.count)
        guard limit > 0, scalars.allSatisfy({ $0.properties.isAlphabetic }) else { return nil }
        let letters = scalars.map(\.value)
        // One buffer for the candidate and one scratch for the distance table, reused for every
        // target: a long unknown word is compared with hundreds of them.
        var target: [UInt32] = []
        var scratch = DistanceScratch()
        var best: (index: Int, distance: Int)?
        targets.storage.withUnsafeBufferPointer { storage in
            for index in targets.indices {
                let range = targets.byteRange(index)
                target.removeAll(keepingCapacity: true)
                if storage[range].allSatisfy({ $0 < 0x80 }) {
                    // ASCII (nearly every target): the bytes are the scalars, so the length and
                    // first letter rule a target out before anything is built.
                    guard abs(range.count - letters.count) <= limit,
                        UInt32(storage[range.lowerBound]) == letters[0] || limit > 1
                    else { continue }
                    for byte in storage[range] { target.append(UInt32(byte)) }
                } else {
                    target.append(contentsOf: targets[index].unicodeScalars.map(\.value))
                    guard abs(target.count - letters.count) <= limit, target.first == letters[0] || limit > 1
                    else { continue }
                }
                let bound = best.map { min($0.distance - 1, limit) } ?? limit
                if let distance = Self.distance(letters, target, limit: bound, scratch: &scratch),
                    distance < (best?.distance ?? Int.max)
                {
                    best = (index, distance)
                    if distance == 1 && limit == 1 { break }
                }
            }
        }
        return best.map { targets[$0.index] }
    }

    /// The rows of the distance table, kept between comparisons.
    struct DistanceScratch {
        var previous2: [Int] = []
        var previous: [Int] = []
        var current: [Int] = []
    }

    /// Optimal string alignment distance (Damerau-Levenshtein with adjacent transpositions), or nil
    /// when it exceeds `limit`.
    static func distance(_ a: [UInt32], _ b: [UInt32], limit: Int, scratch: inout DistanceScratch) -> Int? {
        guard limit >= 0, abs(a.count - b.count) <= limit else { return nil }
        if a.isEmpty || b.isEmpty { return max(a.count, b.count) <= limit ? max(a.count, b.count) : nil }
        let width = b.count + 1
        if scratch.previous.count < width {
            scratch.previous2 = [Int](repeating: 0, count: width)
            scratch.previous = [Int](repeating: 0, count: width)
            scratch.current = [Int](repeating: 0, count: width)
        }
        for j in 0..<width {
            scratch.previous2[j] = 0
            scratch.previous[j] = j
            scratch.current[j] = 0
        }
        for i in 1...a.count {
            scratch.current[0] = i
            var rowMinimum = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var value = min(scratch.previous[j] + 1, scratch.current[j - 1] + 1, scratch.previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    value = min(value, scratch.previous2[j - 2] + 1)
                }
                scratch.current[j] = value
                rowMinimum = min(rowMinimum, value)
            }
            if rowMinimum > limit { return nil }
            swap(&scratch.previous2, &scratch.previous)
            swap(&scratch.previous, &scratch.current)
        }
        let result = scratch.previous[b.count]
        return result <= limit ? result : nil
    }
}
