import Foundation
import Testing

/// Hostile input through the binary, second round: disguised warning signs, escapes that reach the
/// terminal through data, and command lines of many thousands of arguments.
@Suite("Hostile input, round 2")
struct HostileInputRound2Tests {
    /// The `urgent` field of the one JSON object `knotbot --json QUESTION` prints.
    static func urgent(_ question: String) throws -> Bool? {
        let result = try Knotbot.run(["--json", question])
        #expect(result.status == 0, "\(result.stderr)")
        let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        return object?["urgent"] as? Bool
    }

    @Test(
        "a warning sign disguised with a zero-width joiner or a look-alike letter is urgent",
        arguments: [
            "I fe\u{200D}ll off my bike", "I f\u{0435}ll off my bike", "I was in a car cr\u{0430}sh and my back hurts",
            "I want to kill m\u{0443}self",
        ])
    func disguisedWarningSign(question: String) throws {
        #expect(try Self.urgent(question) == true)
    }

    /// Old builds parsed these quadratically: 20,000 arguments took minutes (a debug build about
    /// 2.5 minutes), so a run that ends at once with a usage error shows the cap is in force.
    @Test("20,000 --json flags end at once with a usage error naming the limit")
    func manyFlags() throws {
        let result = try Knotbot.run(Array(repeating: "--json", count: 20_000) + ["what causes knots"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("too many arguments (20001)"), "\(result.stderr.prefix(300))")
        #expect(result.stderr.contains("at most 1000"))
        #expect(result.stdout.isEmpty)
    }

    @Test("--explain with 32,000 words ends at once with a usage error")
    func manyWordsWithAnOption() throws {
        let result = try Knotbot.run(["--explain"] + Array(repeating: "knots", count: 32_000))
        #expect(result.status == 64)
        #expect(result.stderr.contains("too many arguments (32001)"), "\(result.stderr.prefix(300))")
    }

    @Test("1,000 arguments with an option are still answered; a plain question has no limit")
    func atTheLimit() throws {
        let explained = try Knotbot.run(["--explain"] + Array(repeating: "knots", count: 999))
        #expect(explained.status == 0, "\(explained.stderr.prefix(300))")
        #expect(explained.stdout.contains("intent:"))
        let plain = try Knotbot.run(["--json"] + Array(repeating: "knots", count: 20_000))
        #expect(plain.status == 0, "\(plain.stderr.prefix(300))")
    }
}
