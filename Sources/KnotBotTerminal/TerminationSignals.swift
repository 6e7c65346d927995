import Foundation
import Synchronization

/// The signal that asked a chat to end, set from the signal handler.
private let receivedSignal = Atomic<Int32>(0)

/// SIGTERM and SIGHUP end a chat the way Ctrl-D does.
///
/// The line being typed is abandoned, the goodbye is shown, history and transcript are complete,
/// the terminal is left as it was found, and the process exits with 128 + the signal. Without a
/// handler either signal kills the process at once: every turn and history line is already written,
/// but libedit could leave the terminal in raw mode.
public enum TerminationSignals {
    /// Installs the handlers; a read in progress then fails with EINTR and the chat winds up.
    public static func install() {
        var action = sigaction()
        action.__sigaction_handler.sa_handler = { signal in
            receivedSignal.store(signal, ordering: .relaxed)
            // A read in progress fails with EINTR; but the signal may come while the line editor is
            // between reads, and its next read would wait for a key. Standard input becomes
            // /dev/null, so that read ends at once (open, dup2 and close are async-signal-safe).
            let empty = open("/dev/null", O_RDONLY)
            if empty >= 0 {
                dup2(empty, STDIN_FILENO)
                close(empty)
            }
        }
        sigemptyset(&action.sa_mask)
        // No SA_RESTART: the blocked read must return so the chat can end.
        action.sa_flags = 0
        for signal in [SIGTERM, SIGHUP] { sigaction(signal, &action, nil) }
        var set = sigset_t()
        sigemptyset(&set)
        sigaddset(&set, SIGTERM)
        sigaddset(&set, SIGHUP)
        pthread_sigmask(SIG_UNBLOCK, &set, nil)
    }

    /// The terminal's settings, to put back after a signal took standard input away from the line
    /// editor mid-line (it restores them itself only through standard input).
    public struct TerminalSettings {
        private let descriptor: Int32
        private var settings = termios()
        private let saved: Bool

        /// Remembers the settings of the terminal on standard input, if it is one.
        public init() {
            descriptor = dup(STDIN_FILENO)
            saved = descriptor >= 0 && tcgetattr(descriptor, &settings) == 0
        }

        /// Puts the settings back and lets go of the terminal.
        public func restore() {
            var settings = settings
            if saved { tcsetattr(descriptor, TCSANOW, &settings) }
            if descriptor >= 0 { close(descriptor) }
        }
    }

    /// The signal received, or nil.
    public static var received: Int32? {
        let signal = receivedSignal.load(ordering: .relaxed)
        return signal == 0 ? nil : signal
    }
}
