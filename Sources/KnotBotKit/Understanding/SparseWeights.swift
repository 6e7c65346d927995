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
    public let rowStarts: [Int32]
    /// The intent of each kept weight.
    public let columns: [UInt16]
    public let values: [Float]

    /// Keeps the weights of a row-major dense matrix whose magnitude is at least `threshold`.
    public init(dense: [Float], width: Int, threshold: Float) {
        precondition(width > 0 || dense.isEmpty, "a weight matrix needs at least one column")
        var rowStarts: [Int32] = [0]
        var columns: [UInt16] = []
        var values: [Float] = []
        let rows = width == 0 ? 0 : dense.count / width
        for row in 0..<rows {
            for column in 0..<width {
                let value = dense[row * width + column]
                if abs(value) >= threshold && value != 0 {
                    columns.append(UInt16(column))
                    values.append(value)
                }
            }
            rowStarts.append(Int32(values.count))
        }
        self.width = width
        self.rowStarts = rowStarts
        self.columns = columns
        self.values = values
    }

    /// Rows as stored; `nil` unless they are consistent (the archive decoder's check).
    public init?(width: Int, rowStarts: [Int32], columns: [UInt16], values: [Float]) {
        guard width >= 0, rowStarts.first == 0, columns.count == values.count,
            Int(rowStarts.last ?? -1) == values.count,
            zip(rowStarts, rowStarts.dropFirst()).allSatisfy({ $0 <= $1 }),
            columns.allSatisfy({ Int($0) < width })
        else { return nil }
        self.width = width
        self.rowStarts = rowStarts
        self.columns = columns
        self.values = values
    }

    public var rowCount: Int { rowStarts.count - 1 }

    /// Adds row `row` into `scores`.
    func add(row: Int, into scores: inout [Float]) {
        let start = Int(rowStarts[row])
        let end = Int(rowStarts[row + 1])
        for entry in start..<end { scores[Int(columns[entry])] += values[entry] }
    }

    /// One weight, zero when it was not kept.
    public func weight(row: Int, column: Int) -> Float {
        for entry in Int(rowStarts[row])..<Int(rowStarts[row + 1]) where Int(columns[entry]) == column {
            return values[entry]
        }
        return 0
    }
}
