import CEditLine
public import Foundation
public import KnotBotKit

/// Reads lines through libedit: editing, history kept across sessions, tab completion, Ctrl-C,
/// `~/.editrc`, bracketed paste and lines continued with `\`.
///
/// Ctrl-C on a partly typed line marks it `^C` and gives a fresh prompt; Ctrl-C on an empty line, or
/// Ctrl-D, ends input. History is saved after every line, 0600, so a killed session keeps it. A
/// paste of several lines becomes one line to edit and send (the terminal's bracketed paste mode),
/// so a pasted post is one turn, not one turn per line.
public final class EditLineReader: LineReader {
    /// Lines of history kept.
    public static let historySize: Int32 = 1_000

    private let editLine: OpaquePointer
    private let history: OpaquePointer
    private var event = HistEvent()
    private let prompt: UnsafeMutablePointer<CChar>
    /// Shown while a line ended with `\` is being continued.
    private let continuationPrompt: UnsafeMutablePointer<CChar>
    private var continuing = false
    /// Turns bracketed paste on and off; written to the terminal, never into the chat's text.
    static let pasteOn = "\u{1B}[?2004h"
    static let pasteOff = "\u{1B}[?2004l"
    /// What the terminal sends around pasted text in bracketed paste mode.
    static let pasteEnd = "\u{1B}[201~"
    /// Where history is saved; nil once saving failed, which is said once.
    private var historyFile: URL?
    private let completer: Completer
    private var output: StandardStream = .output

    /// Sets up libedit on the terminal; nil when libedit cannot start.
    public init?(prompt: String, historyFile: URL?, completer: Completer, editrc: String? = nil) {
        knotbot_use_utf8_locale()
        guard let editLine = knotbot_el_init("knotbot"), let history = history_init() else { return nil }
        self.editLine = editLine
        self.history = history
        self.prompt = strdup(prompt)
        self.continuationPrompt = strdup(String(repeating: " ", count: max(0, prompt.count - 2)) + "> ")
        self.historyFile = historyFile
        self.completer = completer
        TerminationSignals.installInterrupt()

        _ = knotbot_history_set_size(history, &event, Self.historySize)
        _ = knotbot_history_set_unique(history, &event, 1)
        if let historyFile {
            var status = stat()
            if lstat(historyFile.path, &status) == 0 {
                if (status.st_mode & S_IFMT) != S_IFREG {
                    historyOff(.notPlainFile(historyFile.path))
                } else if Int(status.st_size) > HistoryFile.maximumFileBytes {
                    historyOff(.tooLarge(historyFile.path))
                } else {
                    _ = knotbot_history_load(history, &event, historyFile.path)
                }
            }
        }
        _ = knotbot_el_set_editor(editLine, "emacs")
        _ = knotbot_el_set_signal(editLine, 1)
        _ = knotbot_el_set_history(editLine, history)
        _ = knotbot_el_set_client_data(editLine, Unmanaged.passUnretained(self).toOpaque())
        _ = knotbot_el_set_prompt(editLine) { editLine in
            guard let editLine, let data = knotbot_el_client_data(editLine) else { return nil }
            let reader = Unmanaged<EditLineReader>.fromOpaque(data).takeUnretainedValue()
            return reader.continuing ? reader.continuationPrompt : reader.prompt
        }
        _ = knotbot_el_add_function(editLine, "knotbot-complete", "Complete a command or topic word") { editLine, _ in
            guard let editLine, let data = knotbot_el_client_data(editLine) else { return UInt8(CC_ERROR) }
            return Unmanaged<EditLineReader>.fromOpaque(data).takeUnretainedValue().complete()
        }
        _ = knotbot_el_add_function(editLine, "knotbot-eof", "End the chat on an empty line, else delete") {
            editLine, _ in
            guard let editLine, let data = knotbot_el_client_data(editLine) else { return UInt8(CC_ERROR) }
            return Unmanaged<EditLineReader>.fromOpaque(data).takeUnretainedValue().endOrDelete()
        }
        _ = knotbot_el_add_function(editLine, "knotbot-paste", "Insert a bracketed paste as one line") { editLine, _ in
            guard let editLine, let data = knotbot_el_client_data(editLine) else { return UInt8(CC_ERROR) }
            return Unmanaged<EditLineReader>.fromOpaque(data).takeUnretainedValue().paste()
        }
        _ = knotbot_el_bind(editLine, "^I", "knotbot-complete")
        _ = knotbot_el_bind(editLine, "^R", "em-inc-search-prev")
        // libedit's own Ctrl-D writes "^D" on the line before ending it.
        _ = knotbot_el_bind(editLine, "^D", "knotbot-eof")
        _ = knotbot_el_bind(editLine, "\\e[200~", "knotbot-paste")
        // Last, so the person's own settings (vi mode, bindings) win over the defaults above.
        if let editrc { _ = knotbot_el_source(editLine, editrc) }
        output.write(Self.pasteOn)
    }

    deinit {
        output.write(Self.pasteOff)
        el_end(editLine)
        history_end(history)
        free(prompt)
        free(continuationPrompt)
    }

    /// The editrc file libedit programs read: `$EDITRC`, else `~/.editrc`, if it is there.
    public static func editrcPath(environment: [String: String]) -> String? {
        let path =
            environment["EDITRC"].flatMap { $0.isEmpty ? nil : $0 }
            ?? environment["HOME"].map { ($0.hasSuffix("/") ? $0 : $0 + "/") + ".editrc" }
        guard let path, access(path, R_OK) == 0 else { return nil }
        return path
    }

    public func readLine() -> String? {
        var joined = ""
        defer { continuing = false }
        while true {
            var count: Int32 = 0
            errno = 0
            if let line = el_gets(editLine, &count), count > 0 {
                let text = String(cString: line).trimmingCharacters(in: .newlines)
                remember(text)
                // A line ending in "\" goes on on the next, as in a shell.
                if let head = LineContinuation.continued(text) {
                    joined += head
                    continuing = true
                    continue
                }
                return joined + text
            }
            if count == 0 {
                // Ctrl-D on an empty line.
                output.write("\n")
                return joined.isEmpty ? nil : joined
            }
            if errno == EINTR {
                // SIGTERM or SIGHUP: end the chat as Ctrl-D would.
                if TerminationSignals.received != nil {
                    output.write("\n")
                    return nil
                }
                let partial = currentLine()
                if partial.isEmpty && joined.isEmpty {
                    output.write("\n")
                    return nil
                }
                // Ctrl-C on a partial line: marked as a shell marks it, forgotten, and a new prompt.
                output.write("^C\n")
                joined = ""
                continuing = false
                el_reset(editLine)
                continue
            }
            return nil
        }
    }

    /// Adds the line to the history and saves it at once, private to the user.
    private func remember(_ text: String) {
        guard !text.trimmingCharacters(in: .whitespaces).isEmpty else { return }
        _ = knotbot_history_enter(history, &event, text)
        guard let historyFile else { return }
        if case .failure(let problem) = HistoryFile(url: historyFile, size: Self.historySize).append(text) {
            historyOff(problem)
        }
    }

    /// Stops saving history for the rest of the chat, and says why on standard error.
    private func historyOff(_ problem: HistoryFile.Problem) {
        historyFile = nil
        var errors = StandardStream.error
        errors.write(TerminalText.escaped("knotbot: history is off for this chat: \(problem.message)") + "\n")
    }

    private func currentLine() -> String {
        guard let info = el_line(editLine) else { return "" }
        let length = info.pointee.lastchar - info.pointee.buffer
        guard length > 0 else { return "" }
        let bytes = UnsafeRawBufferPointer(start: info.pointee.buffer, count: length)
        return String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .whitespaces)
    }

    /// Ctrl-D: ends input on an empty line, without libedit's "^D"; else deletes the character
    /// under the cursor, or lists completions at the end of the line, as libedit's own binding does.
    private func endOrDelete() -> UInt8 {
        guard let info = el_line(editLine) else { return UInt8(CC_ERROR) }
        if info.pointee.buffer == info.pointee.lastchar { return UInt8(CC_EOF) }
        if info.pointee.cursor < info.pointee.lastchar {
            knotbot_el_delete_under_cursor(editLine)
            return UInt8(CC_REFRESH)
        }
        return complete()
    }

    /// Reads a bracketed paste to its end and inserts it as one line: its line breaks become spaces.
    private func paste() -> UInt8 {
        var pasted = ""
        var character: wchar_t = 0
        while el_wgetc(editLine, &character) == 1 {
            guard let scalar = Unicode.Scalar(UInt32(bitPattern: character)) else { continue }
            pasted.unicodeScalars.append(scalar)
            if pasted.hasSuffix(Self.pasteEnd) {
                pasted.removeLast(Self.pasteEnd.count)
                break
            }
        }
        let line = LineContinuation.oneLine(pasted)
        if !line.isEmpty { _ = el_insertstr(editLine, line) }
        return UInt8(CC_REFRESH)
    }

    private func complete() -> UInt8 {
        guard let info = el_line(editLine) else { return UInt8(CC_ERROR) }
        let length = info.pointee.cursor - info.pointee.buffer
        let bytes = UnsafeRawBufferPointer(start: info.pointee.buffer, count: max(0, length))
        let completion = completer.complete(beforeCursor: String(decoding: bytes, as: UTF8.self))
        if !completion.insertion.isEmpty {
            _ = el_insertstr(editLine, completion.insertion)
        }
        if completion.candidates.count > 1 {
            output.write("\n" + completion.candidates.joined(separator: "  ") + "\n")
            return UInt8(CC_REDISPLAY)
        }
        return UInt8(completion.insertion.isEmpty ? CC_REFRESH_BEEP : CC_REFRESH)
    }
}
