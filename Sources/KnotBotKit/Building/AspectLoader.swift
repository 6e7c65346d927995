import Yams

/// Loads `aspects.yaml`: what a question can be about within its topic, as stem phrases.
public enum AspectLoader {
    static let keys: Set<String> = ["words", "weight", "remember", "told", "unsaid", "instead", "pair", "frame"]

    /// The aspects, and every word their phrases use (domain words: never typo-repaired, and what a
    /// misspelling is repaired into, so "evidense" still asks about evidence).
    public static func load(_ file: DataFile, analyzer: TextAnalyzer) throws(KnotBotError) -> (
        aspects: [Aspect], words: [String]
    ) {
        var vocabulary: [String] = []
        var reader = YAMLReader(path: file.path)
        var aspects: [Aspect] = []
        if let root = reader.root(of: file.text),
            let top = reader.mapping(root, what: "the aspects file", allowed: ["aspects"], required: ["aspects"]),
            let node = top["aspects"], case .mapping(let entries) = node
        {
            for (keyNode, value) in entries {
                guard case .scalar(let key) = keyNode else { continue }
                let name = key.string
                let line = YAMLReader.line(of: keyNode)
                guard
                    let fields = reader.mapping(value, what: "aspect '\(name)'", allowed: keys, required: ["words"]),
                    let words = fields["words"].flatMap({ reader.textList($0, what: "words of aspect '\(name)'") })
                else { continue }
                var phrases: [[String]] = []
                for word in words {
                    vocabulary += analyzer.rewrittenWords(word.value.replacingOccurrences(of: "*", with: " "))
                    let phrase = analyzer.stems(ofPattern: word.value)
                    if phrase.allSatisfy({ $0 == Aspect.gap }) {
                        reader.error("'\(word.value)' in aspect '\(name)' has no word to match", line: word.line)
                    } else {
                        phrases.append(phrase)
                    }
                }
                let unsaid = fields["unsaid"].flatMap { reader.text($0, what: "unsaid of aspect '\(name)'") }
                let instead = fields["instead"].flatMap { reader.textList($0, what: "instead of aspect '\(name)'") }
                if instead != nil, unsaid == nil {
                    reader.error("aspect '\(name)' has 'instead' without 'unsaid'", line: line)
                }
                aspects.append(
                    Aspect(
                        name: name, phrases: phrases,
                        weight: fields["weight"].flatMap { reader.number($0, what: "weight", in: 0.1...10) } ?? 1,
                        remember: fields["remember"].flatMap { reader.bool($0, what: "remember") } ?? false,
                        told: fields["told"].flatMap { reader.text($0, what: "told of aspect '\(name)'") }?.value,
                        unsaid: unsaid?.value, instead: instead?.map(\.value) ?? [],
                        pair: fields["pair"].flatMap { reader.bool($0, what: "pair") } ?? false,
                        frame: fields["frame"].flatMap { reader.bool($0, what: "frame") } ?? false))
            }
            if aspects.count > AspectSet.capacity {
                reader.error(
                    "there are \(aspects.count) aspects; at most \(AspectSet.capacity) fit in a turn's set", line: nil)
            }
        } else if !reader.hasErrors {
            reader.error("'aspects' must be a mapping of aspect names to their words", line: nil)
        }
        if reader.hasErrors {
            throw .invalidData(reader.diagnostics.filter { $0.severity == .error })
        }
        return (aspects, vocabulary)
    }
}
