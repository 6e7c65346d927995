import Foundation

/// Runs the built `knotbot` binary, or another program, the way a person or a script would.
///
/// This is the tests' one way of starting a process: `run` for a run to its end with a deadline,
/// `start` for a run that a test signals or reads while it goes on. `TerminalDriver` runs tmux
/// through `run` too.
enum Knotbot {
    /// How one run ended: its output as raw bytes, its status, and how long it took.
    struct Result {
        var stdoutBytes: [UInt8]
        var stderrBytes: [UInt8]
        /// The exit status, or 128 + the signal's number when a signal ended it, as a shell reports it.
        var status: Int32
        /// The signal that ended it, or nil when it exited.
        var signal: Int32?
        var duration: Duration
        /// Whether it was still running at the deadline and was killed.
        var timedOut: Bool

        var stdout: String { String(decoding: stdoutBytes, as: UTF8.self) }
        var stderr: String { String(decoding: stderrBytes, as: UTF8.self) }
    }

    /// How long a run may take before it is killed.
    ///
    /// 60 s, and 100 s under a sanitizer (`scripts/sanitize`), whose instrumented binary runs several
    /// times slower: a generous bound, for a hung run, not a speed check; the hostile tests set their
    /// own 20 s.
    static let timeout: Duration =
        ProcessInfo.processInfo.environment["KNOTBOT_SANITIZER"] == nil ? .seconds(60) : .seconds(100)

    static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The binary built next to the test bundle.
    static let binary: URL = {
        let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for folder in [beside, beside.deletingLastPathComponent(), repository.appendingPathComponent(".build/debug")] {
            let candidate = folder.appendingPathComponent("knotbot")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        return repository.appendingPathComponent(".build/debug/knotbot")
    }()

    static func temporaryFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("knotbot-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    static func copyOfIntents() throws -> URL {
        let folder = try temporaryFolder().appendingPathComponent("Intents")
        try FileManager.default.copyItem(at: repository.appendingPathComponent("Intents"), to: folder)
        return folder
    }

    /// Runs `executable` (the binary by default) with the arguments and standard input (a file,
    /// never a terminal), killing it at `timeout`.
    static func run(
        _ arguments: [String], input: String = "", executable: URL = binary, directory: URL? = nil,
        environment: [String: String] = [:], timeout: Duration = Knotbot.timeout
    ) throws -> Result {
        try run(
            bytes: arguments.map { Array($0.utf8) }, input: Array(input.utf8), executable: executable,
            directory: directory, environment: environment, timeout: timeout)
    }

    /// Runs `executable` with raw-byte arguments, so invalid UTF-8 reaches argv as it is.
    ///
    /// Without a `directory` it starts in a fresh folder and keeps its state (XDG_STATE_HOME) there,
    /// so a stray `/save` or history file never reaches the repository or the real state folder;
    /// `environment` is applied last and may name another. Spawned with posix_spawn and reaped by
    /// polling waitpid, so a run that hangs is killed at `timeout` rather than stalling the suite.
    static func run(
        bytes arguments: [[UInt8]], input: [UInt8] = [], executable: URL = binary, directory: URL? = nil,
        environment: [String: String] = [:], timeout: Duration = Knotbot.timeout
    ) throws -> Result {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let paths = ["in", "out", "err"].map { folder.appendingPathComponent($0).path }
        try Data(input).write(to: URL(fileURLWithPath: paths[0]))
        var variables = ProcessInfo.processInfo.environment
        if directory == nil { variables["XDG_STATE_HOME"] = folder.appendingPathComponent("state").path }
        variables.merge(environment) { $1 }
        let clock = ContinuousClock()
        let start = clock.now
        let pid = try spawn(
            [Array(executable.path.utf8)] + arguments,
            streams: [
                .open(0, paths[0], O_RDONLY), .open(1, paths[1], O_WRONLY | O_CREAT | O_TRUNC),
                .open(2, paths[2], O_WRONLY | O_CREAT | O_TRUNC),
            ],
            directory: (directory ?? folder).path, environment: variables)
        let (status, timedOut) = reap(pid, deadline: start + timeout)
        return Result(
            stdoutBytes: Array(try Data(contentsOf: URL(fileURLWithPath: paths[1]))),
            stderrBytes: Array(try Data(contentsOf: URL(fileURLWithPath: paths[2]))),
            status: shellStatus(status), signal: terminatingSignal(status), duration: clock.now - start,
            timedOut: timedOut)
    }

    /// Starts the binary with pipes on its standard input, output and error.
    ///
    /// For a test that writes, reads or signals it while it runs. It starts in a fresh folder with
    /// its state there, as `run` does without a `directory`.
    static func start(_ arguments: [String], environment: [String: String] = [:]) throws -> Running {
        let folder = try temporaryFolder()
        let pipes = try (0..<3).map { _ in try makePipe() }
        var variables = ProcessInfo.processInfo.environment
        variables["XDG_STATE_HOME"] = folder.appendingPathComponent("state").path
        variables.merge(environment) { $1 }
        let clock = ContinuousClock()
        let start = clock.now
        let pid: pid_t
        do {
            pid = try spawn(
                [Array(binary.path.utf8)] + arguments.map { Array($0.utf8) },
                streams: [.duplicate(0, pipes[0].read), .duplicate(1, pipes[1].write), .duplicate(2, pipes[2].write)],
                directory: folder.path, environment: variables)
        } catch {
            for pipe in pipes {
                close(pipe.read)
                close(pipe.write)
            }
            throw error
        }
        // The child's ends are its own now; the parent keeps only the other ends, so reading
        // stdout to its end returns once the child has exited.
        close(pipes[0].read)
        close(pipes[1].write)
        close(pipes[2].write)
        return Running(
            pid: pid, folder: folder, started: start,
            input: FileHandle(fileDescriptor: pipes[0].write, closeOnDealloc: true),
            output: FileHandle(fileDescriptor: pipes[1].read, closeOnDealloc: true),
            errors: FileHandle(fileDescriptor: pipes[2].read, closeOnDealloc: true))
    }

    /// A binary started by `start`, still running until `finish` reaps it.
    struct Running {
        let pid: pid_t
        let folder: URL
        let started: ContinuousClock.Instant
        /// Its standard input; closing it is end of input.
        let input: FileHandle
        /// Its standard output, to read as it writes.
        let output: FileHandle
        /// Its standard error, read in full by `finish`.
        let errors: FileHandle

        /// Sends `signal` to it.
        func send(_ signal: Int32) {
            kill(pid, signal)
        }

        /// Waits for it to end, killing it at `timeout`, then reads what is left of its output.
        func finish(timeout: Duration = Knotbot.timeout) -> Result {
            let (status, timedOut) = reap(pid, deadline: started + timeout)
            let duration = ContinuousClock.now - started
            try? input.close()
            defer { try? FileManager.default.removeItem(at: folder) }
            return Result(
                stdoutBytes: Array(output.readDataToEndOfFile()), stderrBytes: Array(errors.readDataToEndOfFile()),
                status: shellStatus(status), signal: terminatingSignal(status), duration: duration,
                timedOut: timedOut)
        }
    }

    /// Where one of the child's standard streams comes from.
    private enum Stream {
        /// The descriptor opened on a path with open(2)'s flags.
        case open(Int32, String, Int32)
        /// The descriptor duplicated from one of the parent's.
        case duplicate(Int32, Int32)
    }

    /// Spawns `argv` (argv[0] is the program's path) with its streams, folder and environment.
    ///
    /// The signal mask is emptied and SIGPIPE reset to its default, whatever the test runner set: an
    /// ignored signal stays ignored across exec, and neither a shell's pipeline nor a terminal
    /// ignores it.
    private static func spawn(
        _ argv: [[UInt8]], streams: [Stream], directory: String, environment: [String: String]
    ) throws -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        for stream in streams {
            switch stream {
            case .open(let target, let path, let flags):
                posix_spawn_file_actions_addopen(&actions, target, path, flags, 0o600)
            case .duplicate(let target, let source):
                posix_spawn_file_actions_adddup2(&actions, source, target)
            }
        }
        try changeDirectory(&actions, to: directory)
        try closeInheritedDescriptors(&actions)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var mask = sigset_t()
        sigemptyset(&mask)
        posix_spawnattr_setsigmask(&attributes, &mask)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        sigaddset(&defaults, SIGPIPE)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        let arguments = argv.map(cString) + [nil]
        let variables = environment.map { cString(Array("\($0.key)=\($0.value)".utf8)) } + [nil]
        defer {
            for pointer in arguments + variables { free(pointer) }
        }
        var pid: pid_t = 0
        let error = posix_spawn(&pid, arguments[0]!, &actions, &attributes, arguments, variables)
        guard error == 0 else { throw POSIXError(POSIXErrorCode(rawValue: error) ?? .EIO) }
        return pid
    }

    /// Waits for `pid` to end, polling every 2 ms, and kills it with SIGKILL at `deadline`.
    ///
    /// Polled, not a blocking waitpid, so that a hung child is killed; 2 ms adds next to nothing to a
    /// run that takes 20 ms or more.
    private static func reap(_ pid: pid_t, deadline: ContinuousClock.Instant) -> (status: Int32, timedOut: Bool) {
        var status: Int32 = 0
        while true {
            let reaped = waitpid(pid, &status, WNOHANG)
            if reaped == pid || (reaped < 0 && errno != EINTR) { return (status, false) }
            if ContinuousClock.now > deadline {
                kill(pid, SIGKILL)
                while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
                return (status, true)
            }
            usleep(2_000)
        }
    }

    /// The status as a shell reports it: the exit code, or 128 + the signal's number.
    private static func shellStatus(_ status: Int32) -> Int32 {
        terminatingSignal(status).map { 128 + $0 } ?? (status >> 8) & 0xFF
    }

    /// The signal that ended the child, from a waitpid status, or nil when it exited.
    private static func terminatingSignal(_ status: Int32) -> Int32? {
        let signal = status & 0x7F
        return signal == 0 ? nil : signal
    }

    /// A pipe whose descriptors close on exec, so that no other child inherits them; posix_spawn's
    /// dup2 gives the child its copy without the flag.
    ///
    /// pipe2 sets the flag at once, where pipe and fcntl would leave a gap in which a test running
    /// beside this one could spawn a child holding the write end, and reading to the end would wait
    /// for that child too. Swift's Glibc module does not export pipe2, so it is looked up by name.
    private static func makePipe() throws -> (read: Int32, write: Int32) {
        typealias Pipe2 = @convention(c) (UnsafeMutablePointer<Int32>?, Int32) -> Int32
        guard let symbol = dlsym(nil, "pipe2") else { throw POSIXError(.ENOSYS) }
        var descriptors: [Int32] = [0, 0]
        guard unsafeBitCast(symbol, to: Pipe2.self)(&descriptors, O_CLOEXEC) == 0 else {
            throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
        }
        return (descriptors[0], descriptors[1])
    }

    /// Makes the child start in `path`.
    ///
    /// glibc has posix_spawn_file_actions_addchdir_np (2.29 and later) but Swift's Glibc module does
    /// not export it, so it is looked up by name.
    private static func changeDirectory(_ actions: inout posix_spawn_file_actions_t, to path: String) throws {
        typealias AddChdir =
            @convention(c) (
                UnsafeMutablePointer<posix_spawn_file_actions_t>?, UnsafePointer<CChar>?
            ) -> Int32
        guard let symbol = dlsym(nil, "posix_spawn_file_actions_addchdir_np") else {
            throw POSIXError(.ENOSYS)
        }
        let error = unsafeBitCast(symbol, to: AddChdir.self)(&actions, path)
        guard error == 0 else { throw POSIXError(POSIXErrorCode(rawValue: error) ?? .EINVAL) }
    }

    /// Makes the child close every descriptor above standard error before it runs the program.
    ///
    /// Without it a child inherits whatever the test process has open without close-on-exec, such
    /// as a binary another test is still copying; running that copy then fails with "Text file busy".
    /// glibc 2.34 and later has posix_spawn_file_actions_addclosefrom_np, looked up by name as above.
    private static func closeInheritedDescriptors(_ actions: inout posix_spawn_file_actions_t) throws {
        typealias AddCloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>?, Int32) -> Int32
        guard let symbol = dlsym(nil, "posix_spawn_file_actions_addclosefrom_np") else {
            throw POSIXError(.ENOSYS)
        }
        let error = unsafeBitCast(symbol, to: AddCloseFrom.self)(&actions, 3)
        guard error == 0 else { throw POSIXError(POSIXErrorCode(rawValue: error) ?? .EINVAL) }
    }

    /// A malloc'd NUL-terminated copy of `bytes`, for argv and envp.
    private static func cString(_ bytes: [UInt8]) -> UnsafeMutablePointer<CChar>? {
        let pointer = malloc(bytes.count + 1)!.assumingMemoryBound(to: CChar.self)
        bytes.withUnsafeBytes { raw in
            if let base = raw.baseAddress { memcpy(pointer, base, raw.count) }
        }
        pointer[bytes.count] = 0
        return pointer
    }
}
