import FuzzSupport
import KnotBotKit

/// The most turns replayed per input: a replay runs a whole session, so longer transcripts are only
/// read and written back, which keeps every input well inside the timeout.
private let maximumReplayedTurns = 24

/// Compiles the model before the first input, so its cost is not timed as an input.
@_cdecl("LLVMFuzzerInitialize")
public func fuzzerInitialize(
    _ argc: UnsafeMutablePointer<CInt>?,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>?
) -> CInt {
    Fixture.warmUp()
    return 0
}

/// Reads one input as a transcript file; one that reads must write back to itself and replay.
///
/// A malformed file must throw bad data with a `file:line:` diagnostic, never crash; one that
/// reads goes through what `knotbot replay` does with it: a fresh session replays its utterances,
/// and the report and coverage are built from the result.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTranscript(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let file = DataFile(path: "transcripts/fuzz.jsonl", text: FuzzInput.text(data, size))
    let transcript: Transcript
    do {
        transcript = try TranscriptReader.read(file)
    } catch {
        DiagnosticChecks.requireReported(error, file: file, "TranscriptReader.read")
        return 0
    }
    requireConsistent(transcript, file: file)
    requireRoundTrip(transcript, file: file)
    if transcript.turns.count <= maximumReplayedTurns { replay(transcript) }
    return 0
}

/// Requires what was read to be what the format allows: a header, turns, and warnings only.
private func requireConsistent(_ transcript: Transcript, file: DataFile) {
    require(transcript.path == file.path, "TranscriptReader.read changed the path")
    require(
        transcript.header.type == "header", "TranscriptReader.read accepted a header of type \(transcript.header.type)")
    require(
        (1...TranscriptFormat.current).contains(transcript.header.format),
        "TranscriptReader.read accepted format \(transcript.header.format)")
    require(transcript.turns.allSatisfy { $0.type == "turn" }, "TranscriptReader.read accepted a line that is no turn")
    require(
        transcript.warnings.allSatisfy { $0.severity == .warning },
        "TranscriptReader.read returned an error as a warning")
    DiagnosticChecks.requireWellFormed(transcript.warnings, file: file, "TranscriptReader.read (warnings)")
}

/// Requires a transcript, written out as `knotbot replay --update` writes it, to read back the same.
private func requireRoundTrip(_ transcript: Transcript, file: DataFile) {
    let written = DataFile(path: file.path, text: transcript.text)
    let reread: Transcript
    do {
        reread = try TranscriptReader.read(written)
    } catch {
        require(false, "a transcript that reads does not read back once written: \(error)")
        return
    }
    var header = transcript.header
    header.format = TranscriptFormat.current
    require(reread.header == header, "the header changed on the way back: \(reread.header) vs \(header)")
    require(reread.turns == transcript.turns, "the turns changed on the way back")
    require(reread.warnings.isEmpty, "a written transcript reads back with warnings: \(reread.warnings)")
}

/// Replays the transcript as `knotbot replay` does and builds the report and coverage from it.
private func replay(_ transcript: Transcript) {
    let result = Replayer(assistant: Fixture.assistant).replay(transcript)
    require(result.replayed.count <= transcript.turns.count, "a replay has more turns than its transcript")
    for turn in result.replayed {
        let what = "replayed turn \(turn.turn)"
        ReplyChecks.requireSound(turn.reply, after: turn.state, what)
        ReplyChecks.requireRenderable(turn.reply, what)
    }
    var report = ReplayReport()
    report.add(result)
    require(report.passed + report.failed == 1, "one transcript counted \(report.summary)")
    // The report quotes the file's own text (utterances, recorded answers) and goes to a terminal.
    for line in report.lines {
        TerminalSafety.requireSafe(line, "a replay report line")
    }
    var coverage = ReplayCoverage()
    coverage.add(result)
    _ = coverage.report(model: Fixture.model)
}
