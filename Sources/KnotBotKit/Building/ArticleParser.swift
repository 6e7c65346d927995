/// Parses the scraped article text into title, author, sections, sentences, resources and lost lists.
///
/// The scrape keeps one sentence or heading per line. The byline ("- by Daniel") comes first, then the
/// title and a standfirst; headings are Title Case lines that do not end a sentence.
public enum ArticleParser {
    /// Words that announce a list to follow; a sentence carrying one at the very end of a section
    /// lost its list even without a colon.
    static let listAnnouncements = ["these are", "the following", "here are", "as follows", "listed below"]

    public static func parse(_ file: DataFile) throws(KnotBotError) -> Article {
        let lines = file.text.split(separator: "\n", omittingEmptySubsequences: false).map {
            String($0).trimmingWhitespace
        }
        var index = 0
        func nextNonEmpty() -> (text: String, line: Int)? {
            while index < lines.count {
                defer { index += 1 }
                if !lines[index].isEmpty { return (lines[index], index + 1) }
            }
            return nil
        }
        guard let byline = nextNonEmpty(), let author = Self.author(inByline: byline.text) else {
            throw .invalidData([
                Diagnostic(
                    file: file.path, line: 1,
                    message: "the article must start with a byline such as '- by Daniel'")
            ])
        }
        guard let title = nextNonEmpty(), let standfirst = nextNonEmpty() else {
            throw .invalidData([
                Diagnostic(
                    file: file.path, line: byline.line + 1,
                    message: "the byline must be followed by the title and a one-line summary")
            ])
        }

        let opening = Sentence(text: standfirst.text, line: standfirst.line, section: title.text)
        var sections: [ArticleSection] = [ArticleSection(heading: title.text, sentences: [opening])]
        var resources: [String] = []
        var gaps: [ListGap] = []
        // Each entry: the line's text and number, with empty lines kept out.
        let body = lines.enumerated().dropFirst(index).filter { !$0.element.isEmpty }
        let entries = body.map { (text: $0.element, line: $0.offset + 1) }
        var position = 0
        while position < entries.count {
            let entry = entries[position]
            let next = position + 1 < entries.count ? entries[position + 1] : nil
            if isHeading(entry.text) {
                sections.append(ArticleSection(heading: entry.text, sentences: []))
                position += 1
                continue
            }
            let sentence = Sentence(text: entry.text, line: entry.line, section: sections[sections.count - 1].heading)
            sections[sections.count - 1].sentences.append(sentence)
            position += 1
            if entry.text.hasSuffix(":") {
                // An intact list follows as items; the only intact one here is the resources list.
                var items: [String] = []
                while position < entries.count, isListItem(entries[position].text) {
                    items.append(entries[position].text)
                    position += 1
                }
                if items.isEmpty {
                    gaps.append(ListGap(lead: sentence, kind: .colonWithoutList))
                } else {
                    let last = sections[sections.count - 1].sentences.count - 1
                    sections[sections.count - 1].sentences[last].listItems = items
                    if entry.text.lowercased().hasPrefix("resources") {
                        resources = items.filter { $0.hasPrefix("http") }
                    }
                }
            } else if let next, isHeading(next.text), announcesList(entry.text) {
                gaps.append(ListGap(lead: sentence, kind: .announcedAtSectionEnd))
            }
        }
        return Article(
            title: title.text, author: author,
            byline: Sentence(text: byline.text, line: byline.line, section: title.text),
            standfirst: standfirst.text,
            sections: sections.filter { !$0.sentences.isEmpty },
            resources: resources, gaps: gaps)
    }

    static func author(inByline line: String) -> String? {
        var rest = Substring(line)
        if rest.hasPrefix("-") { rest = rest.dropFirst() }
        rest = Substring(String(rest).trimmingWhitespace)
        guard rest.lowercased().hasPrefix("by ") else { return nil }
        let name = String(rest.dropFirst(3)).trimmingWhitespace
        return name.isEmpty ? nil : name
    }

    /// A Title Case line that does not end a sentence: every word of three or more letters is
    /// capitalised and it ends in a question mark or no punctuation at all.
    static func isHeading(_ line: String) -> Bool {
        guard let last = line.last, !".:!,;".contains(last) else { return false }
        let words = line.split(separator: " ").map { $0.filter(\.isLetter) }.filter { $0.count >= 3 }
        guard !words.isEmpty else { return false }
        return words.allSatisfy { $0.first?.isUppercase == true }
    }

    static func isListItem(_ line: String) -> Bool {
        line.hasPrefix("http://") || line.hasPrefix("https://") || line.hasPrefix("- ")
            || line.hasPrefix("* ") || line.hasPrefix("• ")
    }

    static func announcesList(_ sentence: String) -> Bool {
        let lowered = sentence.lowercased()
        return listAnnouncements.contains { lowered.contains($0) }
    }
}
