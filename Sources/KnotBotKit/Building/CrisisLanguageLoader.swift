import Yams

/// Loads `crisis-language.yaml`: written examples of crisis talk and of its look-alikes, and the floor
/// above which the learned model raises the crisis tier.
public enum CrisisLanguageLoader {
    /// What the file holds, with each example's line.
    public struct Loaded: Sendable {
        public var floor: Double
        public var crisis: [Located<String>]
        public var other: [Located<String>]
    }

    /// Fewer examples than this on either side cannot teach the model anything it can be trusted with.
    static let minimumExamples = 20

    public static func load(_ file: DataFile) throws(KnotBotError) -> Loaded {
        var reader = YAMLReader(path: file.path)
        var floor: Double?
        var crisis: [Located<String>] = []
        var other: [Located<String>] = []
        let keys = ["floor", "crisis", "other"]
        if let root = reader.root(of: file.text),
            let top = reader.mapping(root, what: "the crisis language", allowed: Set(keys), required: keys)
        {
            floor = top["floor"].flatMap { reader.number($0, what: "floor", in: 0.5...1) }
            crisis = top["crisis"].flatMap { reader.textList($0, what: "crisis examples") } ?? []
            other = top["other"].flatMap { reader.textList($0, what: "other examples") } ?? []
            for (name, list) in [("crisis", crisis), ("other", other)] where list.count < minimumExamples {
                reader.error(
                    "\(name) needs at least \(minimumExamples) examples, has \(list.count)",
                    line: YAMLReader.line(of: top[name]))
            }
        }
        guard !reader.hasErrors, let floor else {
            throw .invalidData(reader.diagnostics.filter { $0.severity == .error })
        }
        return Loaded(floor: floor, crisis: crisis, other: other)
    }
}
