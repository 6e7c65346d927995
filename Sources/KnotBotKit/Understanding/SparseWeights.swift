/// The classifier's weights, one row per feature, keeping only the weights that matter.
///
/// Training gives every feature a weight for every intent, but most are near zero: a feature seen
/// only in one intent's examples barely moves the others. Keeping the rest in compressed rows makes
/// the embedded model a quarter of the size and a turn's scoring proportional to the weights it
/// actually adds.
public struct SparseWeights: Sendable, Hashable {
    /// How many intents each row spans.
    public let width: Int
    /// Where each feature's entries begin in `columns` and `values`; one more than the features.
    public let rowStarts: NumberTable
    /// The intent of each kept weight.
    public let columns: NumberTable
    public let values: FloatTable

    /// Keeps the weights of a row-major dense matrix whose magnitude is at least `threshold`.
    public init(dense: [Float], width: Int, threshold: Float) {
        precondition(width > 0 || dense.isEmpty, "a weight matrix needs at least one column")
        var rowStarts: [Int32] = [0]
        var columns: [Int32] = []
        var values: [Float] = []
        let rows = width == 0 ? 0 : dense.count / width
        for row in 0..<rows {
            for column in 0..<width {
                let value = dense[row * width + column]
                if abs(value) >= threshold && value != 0 {
                    columns.append(Int32(column))
                    values.append(value)
                }
            }
            rowStarts.append(Int32(values.count))
        }
        self.width = width
        self.rowStarts = NumberTable(rowStarts)
        self.columns = NumberTable(columns)
        self.values = FloatTable(values)
    }

    /// Rows as an archive stores them; `nil` unless their counts agree.
    ///
    /// The 60,000 entries are not checked one by one: a row's range is kept inside the entries and
    /// a column past `width` is skipped (`entries(ofRow:)`, `add(row:into:)`), so a damaged archive can
    /// only misweigh, never crash.
    public init?(width: Int, rowStarts: NumberTable, columns: NumberTable, values: FloatTable) {
        guard width >= 0, width <= Int(UInt16.max), rowStarts.first == 0, columns.count == values.count,
            Int(rowStarts.last ?? -1) == values.count
        else { return nil }
        self.width = width
        self.rowStarts = rowStarts
        self.columns = columns
        self.values = values
    }

    public var rowCount: Int { rowStarts.count - 1 }

    /// Where row `row`'s entries lie, kept inside the entries.
    private func entries(ofRow row: Int) -> Range<Int> {
        // The row starts begin with 0, so row `row` is the run ending at start `row + 1`.
        rowStarts.run(row + 1, within: values.count)
    }

    /// Adds row `row` into `scores`, which has `width` places.
    func add(row: Int, into scores: inout [Float]) {
        for entry in entries(ofRow: row) {
            let column = Int(columns[entry])
            if column < scores.count { scores[column] += values[entry] }
        }
    }

    /// One weight, zero when it was not kept.
    public func weight(row: Int, column: Int) -> Float {
        for entry in entries(ofRow: row) where Int(columns[entry]) == column {
            return values[entry]
        }
        return 0
    }
}
