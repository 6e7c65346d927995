/// What a unit of knowledge answers, as the knowledge files name it: intents served, aspects, the
/// yes/no lead, the paired fact and required conditions.
///
/// Names are resolved when the model is compiled, against the intents and `aspects.yaml` in force,
/// so a knowledge file can be checked against any intents folder.
public struct FactNote: Sendable, Hashable {
    public var serves: [String]
    public var aspects: [String]
    public var requires: [String]
    public var yes: String?
    public var pair: String?
    /// The sentence leans on the one before it ("This is usually a clue that ...").
    public var leansOnPrevious: Bool
    /// Why no answer may use this unit ("it points at a list the reader never sees"); nil if usable.
    public var unused: String?
    /// The file and line the note was read from, for diagnostics.
    public var file: String
    public var line: Int

    public init(
        serves: [String] = [], aspects: [String] = [], requires: [String] = [], yes: String? = nil,
        pair: String? = nil, leansOnPrevious: Bool = false, unused: String? = nil, file: String = "", line: Int = 0
    ) {
        self.unused = unused
        self.leansOnPrevious = leansOnPrevious
        self.serves = serves
        self.aspects = aspects
        self.requires = requires
        self.yes = yes
        self.pair = pair
        self.file = file
        self.line = line
    }
}
