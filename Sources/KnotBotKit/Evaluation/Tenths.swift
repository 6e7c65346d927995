/// A figure as every report prints it: rounded to one decimal place.
enum Tenths {
    /// `value` to one decimal place: 57.63 gives "57.6", 100 gives "100.0".
    static func text(_ value: Double) -> String {
        let tenths = Int((value * 10).rounded())
        return "\(tenths / 10).\(tenths % 10)"
    }
}
