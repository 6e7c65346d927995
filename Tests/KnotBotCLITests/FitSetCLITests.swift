import Foundation
import Testing

/// `knotbot eval --split` on labelled files, and the fit-set diagnostics, through the built binary.
@Suite("knotbot eval on fit-set files")
struct FitSetCLITests {
    /// Writes the two labelled files and returns their paths.
    static func files() throws -> (single: String, dialogues: String) {
        let folder = try Knotbot.temporaryFolder()
        let single = folder.appendingPathComponent("fit_single.jsonl")
        let dialogues = folder.appendingPathComponent("fit_dialogues.jsonl")
        try """
        {"q": "who wrote this article", "topic": "author", "must": [["daniel"]], "split": "test"}
        {"q": "who wrote this article", "topic": "author", "must": [["nobody-says-this"]], "split": "tune"}

        """.write(to: single, atomically: true, encoding: .utf8)
        try """
        {"turns": [{"q": "who wrote this article", "topic": "author", "must-not": ["daniel"]}], "split": "tune"}

        """.write(to: dialogues, atomically: true, encoding: .utf8)
        return (single.path, dialogues.path)
    }

    @Test("--split keeps only that half of both files, and the summary ends with the overall figure")
    func split() throws {
        let (single, dialogues) = try Self.files()
        let test = try Knotbot.run(["eval", single, "--dialogues", dialogues, "--split", "test"])
        #expect(test.status == 0, "\(test.stderr)")
        #expect(test.stdout.hasSuffix(" oos n/a overall 100.0%\n"), "\(test.stdout)")
        #expect(test.stdout.contains("single 100.0% dialogue n/a "), "\(test.stdout)")
        let tune = try Knotbot.run(["eval", single, "--dialogues", dialogues, "--split", "tune"])
        #expect(tune.stdout.contains(#"missing one of ["nobody-says-this"]"#), "\(tune.stdout)")
        #expect(tune.stdout.contains(#"dialogue 1 turn 1: "who wrote this article""#), "\(tune.stdout)")
        #expect(tune.stdout.hasSuffix(" overall 0.0%\n"), "\(tune.stdout)")
    }

    @Test("an unknown split value in a labelled file names the file and line and exits 65")
    func unknownSplit() throws {
        let file = try Knotbot.temporaryFolder().appendingPathComponent("bad.jsonl")
        try "{\"q\": \"hi\", \"topic\": \"greeting\"}\n{\"q\": \"hi\", \"topic\": \"greeting\", \"split\": \"dev\"}\n"
            .write(to: file, atomically: true, encoding: .utf8)
        let result = try Knotbot.run(["eval", file.path])
        #expect(result.status == 65)
        #expect(result.stderr.hasPrefix("\(file.path):2: error:"), "\(result.stderr)")
        #expect(result.stderr.contains("unknown split"), "\(result.stderr)")
    }

    @Test("--cross-validate scores every line once, in folds fixed between runs, and takes 2 to 10 folds")
    func crossValidate() throws {
        let file = try Knotbot.temporaryFolder().appendingPathComponent("labelled.jsonl")
        let lines = [
            "who wrote this article", "who is the author", "what causes knots", "why do i get knots",
            "how do i release a knot", "does heat help a knot", "how do i stop knots coming back", "hello",
            "how do i tie a bowline knot", "what is a muscle knot",
        ]
        let topics = [
            "author", "author", "causes", "causes", "release_methods", "release_methods", "prevention", "greeting",
            "out_of_scope", "definition",
        ]
        try zip(lines, topics).map { "{\"q\": \"\($0)\", \"topic\": \"\($1)\"}\n" }.joined()
            .write(to: file, atomically: true, encoding: .utf8)
        let first = try Knotbot.run(["eval", file.path, "--cross-validate", "3"])
        #expect(first.status == 0, "\(first.stderr)")
        let folds = first.stdout.split(separator: "\n").dropFirst().dropLast()
        let items = folds.compactMap { $0.split(separator: " ", omittingEmptySubsequences: true).dropFirst(3).first }
            .compactMap { Int($0) }
        #expect(items.reduce(0, +) == lines.count, "\(first.stdout)")
        #expect(first.stdout.contains("cross-validated overall "), "\(first.stdout)")
        #expect(try Knotbot.run(["eval", file.path, "--cross-validate", "3"]).stdout == first.stdout)
        #expect(try Knotbot.run(["eval", file.path, "--cross-validate", "1"]).status == 64)
    }

    @Test("--split takes only tune or test")
    func badSplitOption() throws {
        let (single, _) = try Self.files()
        let result = try Knotbot.run(["eval", single, "--split", "dev"])
        #expect(result.status == 64, "\(result.stderr)")
    }
}
