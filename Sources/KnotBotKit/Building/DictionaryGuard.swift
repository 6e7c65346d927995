/// Finds the ordinary English words that typo repair would bend into a domain word of another stem,
/// so the compiler can protect them.
///
/// Typo repair only changes words the bot does not know, but the bot knows a few thousand words and
/// people use tens of thousands: before this guard, 92 distinct dictionary words in the real-post
/// corpus and the fit set were bent ("crouched" into "touched", "swam" into "scam", "belly" into
/// "bells", "vanish" into "varnish"). A word list kept by others (Debian's `wbritish` and
/// `wamerican`, from SCOWL) names them better than any list written by hand.
enum DictionaryGuard {
    /// The dictionary words that `corrector` would change into a target with another stem.
    ///
    /// Only lower-case words of plain letters count: capitalised entries are names ("Tate", "Bella"),
    /// more often a misspelling than meant. Words repair leaves alone (short ones, known ones) and
    /// repairs into the same stem ("lumps" into "lump") need no protection.
    static func protectedWords(
        in dictionaries: [String], corrector: TypoCorrector, vocabulary: WordSet, lexicon: Lexicon, stemmer: Stemmer
    ) -> Set<String> {
        let shortest = 4
        var seen: Set<Substring> = []
        var protected: Set<String> = []
        for text in dictionaries {
            for line in text.split(whereSeparator: \.isNewline) {
                guard line.utf8.count >= shortest, line.utf8.allSatisfy({ $0 >= 0x61 && $0 <= 0x7A }),
                    seen.insert(line).inserted
                else { continue }
                let word = String(line)
                if vocabulary.contains(word) || lexicon.stopwords.contains(word) || lexicon.knownWords.contains(word) {
                    continue
                }
                // Repair first: it rules out nearly every word with a few bit operations, and stemming
                // costs more.
                guard let target = corrector.repair(word) else { continue }
                let stem = stemmer.stem(word)
                if !lexicon.knownStems.contains(stem), stemmer.stem(target) != stem { protected.insert(word) }
            }
        }
        return protected
    }
}
