// The Swift floor for scripts/timing: a process that loads the Swift runtime and the same
// Foundation libraries as knotbot, and does just enough with them that they stay linked.
import Foundation

let shell = ProcessInfo.processInfo.environment["SHELL"] ?? ""
let data = try JSONSerialization.data(withJSONObject: ["shell": shell], options: [.sortedKeys, .withoutEscapingSlashes])
print(String(decoding: data, as: UTF8.self))
