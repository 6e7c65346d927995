/// A word-level diff of two texts, in `git diff --word-diff` style: `[-removed-]{+added+}`.
public enum WordDiff {
    public static func render(from old: String, to new: String) -> String {
        let a = old.split(whereSeparator: \.isWhitespace).map(String.init)
        let b = new.split(whereSeparator: \.isWhitespace).map(String.init)
        // Longest common subsequence table, from the end.
        var table = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in stride(from: a.count - 1, through: 0, by: -1) {
            for j in stride(from: b.count - 1, through: 0, by: -1) {
                table[i][j] = a[i] == b[j] ? table[i + 1][j + 1] + 1 : max(table[i + 1][j], table[i][j + 1])
            }
        }
        var parts: [String] = []
        var removed: [String] = []
        var added: [String] = []
        func flush() {
            if !removed.isEmpty { parts.append("[-" + removed.joined(separator: " ") + "-]") }
            if !added.isEmpty { parts.append("{+" + added.joined(separator: " ") + "+}") }
            removed = []
            added = []
        }
        var i = 0
        var j = 0
        while i < a.count || j < b.count {
            if i < a.count, j < b.count, a[i] == b[j] {
                flush()
                parts.append(a[i])
                i += 1
                j += 1
            } else if j < b.count, i == a.count || table[i][j + 1] >= table[i + 1][j] {
                added.append(b[j])
                j += 1
            } else {
                removed.append(a[i])
                i += 1
            }
        }
        flush()
        return parts.joined(separator: " ")
    }
}
