import Foundation

/// The steps that turn a transcript written in an older format into the current one, as it is read.
///
/// Each step is a pure function from one format to the next, applied to every line of the file (the
/// header too; a step tells lines apart by their `type`). A file of format n goes through the steps
/// for n, n + 1, ... up to the current format, then decodes as the current types. New optional state
/// needs no step (a missing state key takes its default); a step is for what a default cannot
/// express: a renamed or moved key, a changed meaning.
public struct TranscriptUpgrade: Sendable {
    /// Reshapes one line, given as its JSON object, from one format to the next.
    public typealias Step = @Sendable (inout [String: JSONValue]) -> Void

    /// The format the chain ends at: what the reader's types decode.
    public let current: Int
    /// The oldest format the chain reads.
    public let oldest: Int
    /// The step from each format to the next, keyed by the format it reads.
    public let steps: [Int: Step]

    /// A chain from `oldest` to `current`; every format in between must have its step.
    public init(current: Int, oldest: Int, steps: [Int: Step]) {
        precondition(oldest <= current && (oldest..<current).allSatisfy { steps[$0] != nil })
        self.current = current
        self.oldest = oldest
        self.steps = steps
    }

    /// The chain KnotBot ships: format 1 is the first, so there is no step yet.
    ///
    /// A change to the format bumps `TranscriptFormat.current` to n + 1 and adds here the step keyed
    /// by n, so every transcript already recorded keeps reading.
    public static let shipped = TranscriptUpgrade(current: TranscriptFormat.current, oldest: 1, steps: [:])

    /// Applies the steps from `version` up to `current`, in order.
    public func upgrade(_ object: inout [String: JSONValue], from version: Int) {
        for format in max(version, oldest)..<max(current, version) {
            steps[format]?(&object)
        }
    }

    /// One line of a file written in `version`, as JSON of the current format; unchanged when the
    /// file is current, nil when the line is not a JSON object.
    func upgrade(line: some StringProtocol, from version: Int) -> Data? {
        let data = Data(line.utf8)
        guard version < current else { return data }
        guard case .object(var object)? = try? JSONDecoder().decode(JSONValue.self, from: data) else { return nil }
        upgrade(&object, from: version)
        return try? JSONEncoder().encode(JSONValue.object(object))
    }
}
