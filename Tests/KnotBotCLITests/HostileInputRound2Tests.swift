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
}
