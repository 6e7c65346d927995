import CEditLine
public import Foundation
public import KnotBotKit

/// Reads lines through libedit: editing, history kept across sessions, tab completion, Ctrl-C.
///
/// Ctrl-C on a partly typed line clears it and keeps the session; Ctrl-C on an empty line, or
/// Ctrl-D, ends input. History is saved after every line, 0600, so a killed session keeps it.
public final class EditLineReader: LineReader {
    /// Lines of history kept.
    public static let historySize: Int32 = 1_000

    private let editLine: OpaquePointer
    private let history: OpaquePointer
    private var event = HistEvent()
    private let prompt: UnsafeMutablePointer<CChar>
    /// Where history is saved; nil once saving failed, which is said once.
    private var historyFile: URL?
    private let completer: Completer
    private var output: StandardStream = .output

    /// Sets up libedit on the terminal; nil when libedit cannot start.
    public init?(prompt: String, historyFile: URL?, completer: Completer) {
        knotbot_use_utf8_locale()
        guard let editLine = knotbot_el_init("knotbot"), let history = history_init() else { return nil }
        self.editLine = editLine
        self.history = history
        self.prompt = strdup(prompt)
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
            return Unmanaged<EditLineReader>.fromOpaque(data).takeUnretainedValue().prompt
        }
        _ = knotbot_el_add_function(editLine, "knotbot-complete", "Complete a command or topic word") { editLine, _ in
            guard let editLine, let data = knotbot_el_client_data(editLine) else { return UInt8(CC_ERROR) }
            return Unmanaged<EditLineReader>.fromOpaque(data).takeUnretainedValue().complete()
        }
        _ = knotbot_el_bind(editLine, "^I", "knotbot-complete")
        _ = knotbot_el_bind(editLine, "^R", "em-inc-search-prev")
    }

    deinit {
        el_end(editLine)
        history_end(history)
        free(prompt)
    }

    public func readLine() -> String? {
        while true {
            var count: Int32 = 0
            errno = 0
            if let line = el_gets(editLine, &count), count > 0 {
                let text = String(cString: line).trimmingCharacters(in: .newlines)
                remember(text)
                return text
            }
            if count == 0 {
                // Ctrl-D: libedit echoes "^D" without a newline.
                output.write("\n")
                return nil
            }
            if errno == EINTR {
                // SIGTERM or SIGHUP: end the chat as Ctrl-D would.
                if TerminationSignals.received != nil {
                    output.write("\n")
                    return nil
                }
                let partial = currentLine()
                output.write("\n")
                if partial.isEmpty { return nil }
                // Ctrl-C on a partial line: forget it and prompt again.
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
