import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// What `knotbot replay` prints where: results on stdout, errors on stderr at their `file:line:`.
@Suite("knotbot replay output")
struct ReplayOutputTests {
    @Test("errors go to stderr as file:line: error: message; stdout keeps the results and the summary")
    func errorsOnStderr() throws {
        let folder = try Knotbot.temporaryFolder()
        let good = folder.appendingPathComponent("good.jsonl")
        _ = try Knotbot.run(["--transcript", good.path], input: "who wrote it\n")
        let header = try #require(try String(contentsOf: good, encoding: .utf8).split(separator: "\n").first)
        let bad = folder.appendingPathComponent("bad.jsonl")
        try (header + "\n]]]\n").write(to: bad, atomically: true, encoding: .utf8)
        let fifo = folder.appendingPathComponent("fifo.jsonl")
        #expect(mkfifo(fifo.path, 0o600) == 0)
        let result = try Knotbot.run(["replay", folder.path])
        #expect(result.status == 74)
        #expect(
            result.stderr == """
                \(bad.path):2: error: is not a valid transcript turn (not JSON)
                \(fifo.path): error: is a FIFO (named pipe), not a regular file

                """)
        #expect(result.stdout == "PASS \(good.path) (1 turns)\n1 passed, 2 failed (2 with errors, on stderr)\n")
    }
}
