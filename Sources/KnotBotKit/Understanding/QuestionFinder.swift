/// Finds the sentences of a post that ask something.
///
/// The question counts above the story around it ("I'm a nurse on 12-hour shifts ... what should I
/// do about the knot?").
public enum QuestionFinder {
    /// The token ranges of the asking sentences of a post of two or more sentences.
    ///
    /// A sentence asks when it opens with an asking or yes/no word or ends in "?". Empty for a
    /// single sentence, and when no sentence asks or every one does.
    public static func questions(in tokens: [Token], text: String, settings: DialogueSettings) -> [Range<Int>] {
        var starts = tokens.indices.filter { $0 == 0 || tokens[$0].startsSentence }
        guard starts.count > 1 else { return [] }
        starts.append(tokens.count)
        let endsAsking = text.trimmingCharacters(in: .whitespacesAndNewlines).hasSuffix("?")
        var ranges: [Range<Int>] = []
        for (number, start) in starts.dropLast().enumerated() {
            let end = starts[number + 1]
            let opener = tokens[start].word
            if settings.askingWords.contains(opener) || settings.yesNoWords.contains(opener)
                || (end == tokens.count ? endsAsking : tokens[end].afterQuestion)
            {
                ranges.append(start..<end)
            }
        }
        return ranges.count == starts.count - 1 ? [] : ranges
    }
}
