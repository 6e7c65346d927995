import Foundation
import Testing

@testable import KnotBotKit

/// Transcripts keep reading as the state and the format change: a missing state key takes its
/// default, an unknown one is ignored, and an older format is upgraded as it is read.
@Suite("Transcript evolution")
struct TranscriptEvolutionTests {
    static let folder = Fixtures.repository.appendingPathComponent("transcripts")

    @Test("JSON read and written again keeps whole numbers whole")
    func jsonValueRoundTrip() throws {
        let text = #"{"a":1,"b":0.767,"c":[true,null,"x"],"d":{"e":-3}}"#
        let value = try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        #expect(String(decoding: try encoder.encode(value), as: UTF8.self) == text)
    }

}
