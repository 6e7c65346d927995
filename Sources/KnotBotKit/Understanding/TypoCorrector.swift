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
        let scalars = Array(word.unicodeScalars)
        let limit = Self.allowedDistance(forLength: scalars.count)
        guard limit > 0, scalars.allSatisfy({ $0.properties.isAlphabetic }) else { return nil }
        var best: (index: Int, distance: Int)?
        for index in targets.indices {
            // Most targets are ruled out by length and first letter, read from their bytes without
            // making a string; only ASCII bytes can be read that way.
            let range = targets.byteRange(index)
            let firstByte = targets.storage[range.lowerBound]
            let isASCII = targets.storage[range].allSatisfy { $0 < 0x80 }
            if isASCII {
                guard abs(range.count - scalars.count) <= limit,
                    Unicode.Scalar(firstByte) == scalars.first || limit > 1
                else { continue }
            }
            let target = Array(targets[index].unicodeScalars)
            guard abs(target.count - scalars.count) <= limit, target.first == scalars.first || limit > 1
            else { continue }
            let distance = Self.distance(scalars, target, limit: best.map { min($0.distance - 1, limit) } ?? limit)
            if let distance, distance < (best?.distance ?? Int.max) {
                best = (index, distance)
                if distance == 1 && limit == 1 { break }
            }
        }
        return best.map { targets[$0.index] }
    }

    /// Optimal string alignment distance (Damerau-Levenshtein with adjacent transpositions), or nil
    /// when it exceeds `limit`.
    static func distance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar], limit: Int) -> Int? {
        guard limit >= 0, abs(a.count - b.count) <= limit else { return nil }
        if a.isEmpty || b.isEmpty { return max(a.count, b.count) <= limit ? max(a.count, b.count) : nil }
        let width = b.count + 1
        var previous2 = [Int](repeating: 0, count: width)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: width)
        for i in 1...a.count {
            current[0] = i
            var rowMinimum = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    value = min(value, previous2[j - 2] + 1)
                }
                current[j] = value
                rowMinimum = min(rowMinimum, value)
            }
            if rowMinimum > limit { return nil }
            (previous2, previous, current) = (previous, current, previous2)
        }
        let result = previous[b.count]
        return result <= limit ? result : nil
    }
}
