/// The small-talk intents' own keyword phrases ("hi", "thanks in advance"), filed by first stem.
///
/// A greeting or thanks around a question is found by them at every turn that opens or closes with
/// one. Walked phrase by phrase and compared as Strings at each word, finding them cost 2.2 M
/// instructions a run of the 146 regression questions; filed, a word that opens no phrase costs one
/// lookup.
struct SmallTalkPhrases: Sendable {
    /// The phrases, in the classifier's order, none empty and none with a gap.
    let phrases: [[String]]
    /// The phrases (by number, in order) that open with each first stem.
    ///
    /// A dictionary, not a `WordSet`: made at every start, sorting the stems for a word set cost
    /// 0.4 M instructions, a twentieth of a one-shot answer.
    private let byFirst: [String: [Int]]

    /// Files the phrases; empty ones and ones with a gap are left out (a gap is the keywords'
    /// "any few words", which small talk is never told by).
    init(_ phrases: [[String]]) {
        let kept = phrases.filter { !$0.isEmpty && !$0.contains(Aspect.gap) }
        self.phrases = kept
        var byFirst = [String: [Int]](minimumCapacity: kept.count)
        for (number, phrase) in kept.enumerated() { byFirst[phrase[0], default: []].append(number) }
        self.byFirst = byFirst
    }

    /// Whether some phrase opens with the stem.
    func opens(_ stem: String) -> Bool {
        byFirst[stem] != nil
    }

    /// The phrases (by number, in order) spelt by the stems from `start`.
    func matches(in stems: [String], at start: Int) -> some Sequence<Int> {
        let candidates = start < stems.count ? byFirst[stems[start]] ?? [] : []
        return candidates.lazy.filter { number in
            let phrase = phrases[number]
            guard start + phrase.count <= stems.count else { return false }
            return phrase.indices.allSatisfy { stems[start + $0] == phrase[$0] }
        }
    }

    /// The first phrase (by number) spelt by the stems from `start`, or nil.
    func firstMatch(in stems: [String], at start: Int) -> Int? {
        for number in matches(in: stems, at: start) { return number }
        return nil
    }
}
