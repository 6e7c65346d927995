import Foundation
public import KnotBotKit

/// What every fuzz target shares: the model, compiled once per process.
///
/// Compiling the model (which trains the classifier) takes seconds, far longer than one fuzz input,
/// so it is done once, on first use, and kept; every input then goes through the same assistant the
/// `knotbot` binary builds from the same files.
public enum Fixture {
    /// The repository: `KNOTBOT_FUZZ_ROOT` when set, otherwise the checkout this file was built from.
    static let repository: URL = {
        if let root = ProcessInfo.processInfo.environment["KNOTBOT_FUZZ_ROOT"], !root.isEmpty {
            return URL(fileURLWithPath: root)
        }
        // This file is <repository>/Fuzz/Sources/FuzzSupport/FuzzSupport.swift.
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<4 { url.deleteLastPathComponent() }
        return url
    }()

    /// The model compiled from the repository's `Intents/` and `Knowledge/`, as `knotbot-compile`
    /// compiles the one embedded in the binary.
    public static let model: BotModel = {
        do {
            let knowledge = try ModelCompiler.loadKnowledge(folder: repository.appendingPathComponent("Knowledge"))
            return try ModelCompiler.compile(
                intentsFolder: repository.appendingPathComponent("Intents"), knowledge: knowledge)
        } catch {
            fatalError("fuzz fixture: the model does not compile from \(repository.path): \(error)")
        }
    }()

    /// The assistant over the model, with the default threshold and margin.
    public static let assistant = Assistant(model: model)

    /// Builds the fixture now, so its cost falls on start-up rather than on the first input's timer.
    public static func warmUp() {
        _ = assistant.model.fingerprint
    }
}

/// Turns libFuzzer's bytes into the text a target feeds the code under test.
public enum FuzzInput {
    /// The bytes as text; invalid UTF-8 becomes U+FFFD, as it does when KnotBot reads a line.
    public static func text(_ data: UnsafePointer<UInt8>?, _ size: Int) -> String {
        guard let data, size > 0 else { return "" }
        return String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    }

    /// The bytes as lines, split and decoded the way `knotbot` reads a pipe: at each line feed, each
    /// line decoded on its own, a carriage return before the line feed dropped.
    public static func lines(_ data: UnsafePointer<UInt8>?, _ size: Int) -> [String] {
        guard let data, size > 0 else { return [] }
        let bytes = UnsafeBufferPointer(start: data, count: size)
        return bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map { line in
            let text = String(decoding: line, as: UTF8.self)
            return text.hasSuffix("\r") ? String(text.dropLast()) : text
        }
    }
}

/// Stops the fuzzer with a message when an invariant does not hold.
///
/// `fatalError` traps, which libFuzzer reports as a crash and saves the input that caused it; the
/// message says which invariant broke, so the report can be read without a debugger.
///
/// A finding reported but not yet fixed can be let through while fuzzing goes on: pass its
/// reproducer's name in `Fuzz/Crashes/` as `knownIssue`, and list it in `Fuzz/README.md`. The
/// invariant then fails only under `KNOTBOT_FUZZ_STRICT=1`, which `scripts/fuzz regressions` and
/// `scripts/fuzz TARGET FILE` set, so the reproducer keeps failing until the fix is in. No call
/// passes one at the moment: every finding so far is fixed.
public func require(_ condition: Bool, _ message: @autoclosure () -> String, knownIssue: String? = nil) {
    if !condition && (knownIssue == nil || strictAboutKnownIssues) {
        let known = knownIssue.map { " (known issue: Fuzz/Crashes/\($0))" } ?? ""
        fatalError("invariant violated: \(message())\(known)")
    }
}

/// Whether invariants broken by known issues fail like any other.
private let strictAboutKnownIssues = ProcessInfo.processInfo.environment["KNOTBOT_FUZZ_STRICT"] == "1"

/// Which characters may reach a terminal.
public enum TerminalSafety {
    /// The first scalar a terminal would act on rather than print, or nil when the text is safe.
    ///
    /// Unsafe are C0 controls (ESC starts every escape sequence), DEL, C1 controls (U+009B is a
    /// one-byte CSI on some terminals) and the bidirectional embeddings, overrides and isolates that
    /// reorder what is displayed. A line feed is allowed only where output has lines.
    public static func firstUnsafeScalar(in text: String, allowingNewline: Bool = true) -> Unicode.Scalar? {
        text.unicodeScalars.first { scalar in
            switch scalar.value {
            case 0x0A: !allowingNewline
            case 0x00...0x1F, 0x7F...0x9F: true
            case 0x202A...0x202E, 0x2066...0x2069: true
            default: false
            }
        }
    }

    /// Requires the text to be safe to print, naming what produced it when it is not.
    public static func requireSafe(
        _ text: String, allowingNewline: Bool = true, _ what: String, knownIssue: String? = nil
    ) {
        if let scalar = firstUnsafeScalar(in: text, allowingNewline: allowingNewline) {
            let code = "U+" + String(scalar.value, radix: 16, uppercase: true)
            require(false, "\(what) contains \(code): \(text.debugDescription)", knownIssue: knownIssue)
        }
    }
}

/// Invariants on data-file errors: a bad file is reported, with a place a maintainer can go to.
public enum DiagnosticChecks {
    /// Requires a thrown error to be bad data with at least one error diagnostic about `file`.
    public static func requireReported(_ error: KnotBotError, file: DataFile, _ what: String) {
        guard case .invalidData(let diagnostics) = error else {
            require(false, "\(what) threw \(error) rather than invalidData")
            return
        }
        require(!diagnostics.isEmpty, "\(what) threw invalidData with no diagnostics")
        require(diagnostics.contains { $0.severity == .error }, "\(what) threw invalidData with only warnings")
        requireWellFormed(diagnostics, file: file, what)
    }

    /// What a diagnostic about a whole file says; only these may come without a line.
    static let fileLevelMessages = ["is not valid UTF-8 text", "has no gap entry"]

    /// Requires each diagnostic to name the file, a line inside it and a message.
    ///
    /// Only a problem with the whole file (`fileLevelMessages`) may lack the line. A YAML syntax
    /// error, a repeated key or an unreadable character is at a place in the file, and a maintainer
    /// needs to be sent there.
    public static func requireWellFormed(_ diagnostics: [Diagnostic], file: DataFile, _ what: String) {
        let count = lineCount(file.text)
        for diagnostic in diagnostics {
            require(diagnostic.file == file.path, "\(what): a diagnostic names \(diagnostic.file), not \(file.path)")
            require(!diagnostic.message.isEmpty, "\(what): a diagnostic has no message")
            guard let line = diagnostic.line else {
                require(
                    fileLevelMessages.contains { diagnostic.message.contains($0) },
                    "\(what): a diagnostic about a place in the file has no line: \(diagnostic.message.prefix(300))")
                continue
            }
            let message = "\(what): diagnostic at line \(line) of a \(count)-line file: \(diagnostic)"
            require((1...count).contains(line), message)
        }
    }

    /// The lines of a text, counting every break YAML counts (LF, CRLF, CR, NEL, LS, PS), so that
    /// a line number a YAML parser gives is inside it; N breaks make N + 1 lines.
    static func lineCount(_ text: String) -> Int {
        var breaks = 0
        var previous: Unicode.Scalar?
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\n": if previous != "\r" { breaks += 1 }
            case "\r", "\u{85}", "\u{2028}", "\u{2029}": breaks += 1
            default: break
            }
            previous = scalar
        }
        return breaks + 1
    }
}
