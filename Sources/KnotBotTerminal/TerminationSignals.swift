import Foundation
import Synchronization

/// The signal that asked a chat to end, set from the signal handler.
private let receivedSignal = Atomic<Int32>(0)

/// SIGTERM, SIGHUP and SIGQUIT end a chat the way Ctrl-D does.
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
        // SIGQUIT (Ctrl-\\) too: left to the Swift runtime it prints "Program crashed" and a backtrace
        // over the chat, and leaves the history and terminal as a crash would.
        var set = sigset_t()
        sigemptyset(&set)
        for signal in [SIGTERM, SIGHUP, SIGQUIT] {
            sigaction(signal, &action, nil)
            sigaddset(&set, signal)
        }
        pthread_sigmask(SIG_UNBLOCK, &set, nil)
        // Past a file-size limit (ulimit -f) a write should fail and be reported, not kill the chat.
        signal(SIGXFSZ, SIG_IGN)
    }

    /// A SIGINT handler that does nothing, so Ctrl-C interrupts the read in progress (EINTR) and the
    /// reader decides (clear the line, or end input on an empty one) instead of the process dying
    /// without its goodbye.
    public static func installInterrupt() {
        var action = sigaction()
        action.__sigaction_handler.sa_handler = { _ in }
        sigemptyset(&action.sa_mask)
        action.sa_flags = 0
        sigaction(SIGINT, &action, nil)
        // A parent may have started us with SIGINT blocked (it is inherited); then Ctrl-C would do
        // nothing at all.
        var interrupt = sigset_t()
        sigemptyset(&interrupt)
        sigaddset(&interrupt, SIGINT)
        sigaddset(&interrupt, SIGWINCH)
        pthread_sigmask(SIG_UNBLOCK, &interrupt, nil)
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
