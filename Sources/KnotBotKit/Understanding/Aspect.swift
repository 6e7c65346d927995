/// One thing a question can be about within its topic (heat, pressure, pregnancy), read from
/// `Intents/aspects.yaml`, so the answer leads with the fact that speaks to it.
public struct Aspect: Sendable, Hashable {
    public var name: String
    /// Stem sequences; an empty string in a phrase stands for any run of words (`*` in the data).
    public var phrases: PhraseList
    /// How much a match counts when facts are ranked.
    public var weight: Double
    /// The person's situation: kept for the session once they say it of themselves or someone close.
    public var remember: Bool
    /// How the bot names a remembered situation back ("pregnancy", "sitting for long stretches").
    public var told: String?
    /// Said when a question asks about this aspect and no fact in the topic speaks to it.
    public var unsaid: String?
    /// Facts (ids) given after `unsaid`.
    public var instead: [String]
    /// Asks for "the other one": the fact paired with the last one led with.
    public var pair: Bool
    /// Only the shape of a question ("could X be causing it?"): it names no topic by itself when
    /// the question also names what X is.
    public var frame: Bool

    public init(
        name: String, phrases: [[String]], weight: Double = 1, remember: Bool = false, told: String? = nil,
        unsaid: String? = nil, instead: [String] = [], pair: Bool = false, frame: Bool = false
    ) {
        self.frame = frame
        self.told = told
        self.name = name
        self.phrases = PhraseList(phrases)
        self.weight = weight
        self.remember = remember
        self.unsaid = unsaid
        self.instead = instead
        self.pair = pair
    }

    /// The marker for "any run of words" inside a compiled phrase.
    public static let gap = ""

    /// Whether the utterance's tokens hold one of the phrases, by stem.
    public func matches(_ tokens: [Token]) -> Bool {
        phrases.indices.contains { Self.find(phrases.stemRange($0), of: phrases.stems, in: tokens) }
    }

    /// Finds the phrase at `phrase` among `stems` in the tokens' stems.
    ///
    /// The phrase is contiguous runs in order, separated by any words where it has a gap (an empty
    /// stem). It is read where it lies and allocates nothing: made into an array of Strings first,
    /// each search cost 1,300 instructions more.
    static func find(_ phrase: Range<Int>, of stems: PackedStrings, in tokens: [Token]) -> Bool {
        var start = 0
        var runStart = phrase.lowerBound
        while runStart < phrase.upperBound {
            var runEnd = runStart
            while runEnd < phrase.upperBound, !stems.byteRange(runEnd).isEmpty { runEnd += 1 }
            if runEnd > runStart {
                guard let found = firstRun(runStart..<runEnd, of: stems, in: tokens, from: start) else { return false }
                start = found + (runEnd - runStart)
            }
            runStart = runEnd + 1
        }
        return true
    }

    private static func firstRun(_ run: Range<Int>, of stems: PackedStrings, in tokens: [Token], from start: Int)
        -> Int?
    {
        guard tokens.count - start >= run.count else { return nil }
        for offset in start...(tokens.count - run.count) {
            var index = run.lowerBound
            while index < run.upperBound, stems.equals(index, tokens[offset + index - run.lowerBound].stem) {
                index += 1
            }
            if index == run.upperBound { return offset }
        }
        return nil
    }
}
