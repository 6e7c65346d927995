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

    @Test("--split takes only tune or test")
    func badSplitOption() throws {
        let (single, _) = try Self.files()
        let result = try Knotbot.run(["eval", single, "--split", "dev"])
        #expect(result.status == 64, "\(result.stderr)")
    }
}
