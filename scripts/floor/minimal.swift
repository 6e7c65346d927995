// The Swift floor for scripts/timing: a process that loads the Swift runtime and the same
// Foundation libraries as knotbot (importing Foundation links all three) and does almost nothing,
// so the ratio to it is what knotbot adds on top of starting any Swift program.
import Foundation

// Read the environment only so the import is used; the output is a constant line.
if ProcessInfo.processInfo.environment["KNOTBOT_FLOOR_DATE"] != nil { print(Date()) }
print("{}")
