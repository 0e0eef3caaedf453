import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// Runs `command` jobs as local processes: exit status 0 succeeds; stdout and stderr go to a temporary file whose
/// tail becomes the job's message. Cancellation (cancel or timeout) kills the process with SIGKILL.
///
/// Output goes to a file rather than a pipe so a grandchild that keeps the pipe open (`sh -c "sleep 9 &"`) cannot
/// hold the attempt open after the command itself has exited. Spawning and waiting happen on Foundation's
/// threads, never on the cooperative pool.
public struct CommandExecutor: JobExecutor {
    public init() {}

    public func execute(_ invocation: JobInvocation) async -> JobOutcome {
        guard case .command(let argv) = invocation.run else { return .failed("not a command job") }
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("trotter-job-\(UUID().uuidString).log")
        defer { try? FileManager.default.removeItem(at: output) }
        let handle = ChildHandle()
        let status: ChildHandle.Exit = await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<ChildHandle.Exit, Never>) in
                DispatchQueue.global().async {
                    Self.spawn(argv, output: output, handle: handle, continuation: continuation)
                }
            }
        } onCancel: {
            handle.kill()
        }
        let tail = OutputTail.of((try? Data(contentsOf: output)) ?? Data())
        switch status {
        case .exited(0): return .succeeded(tail.isEmpty ? nil : tail)
        case .exited(let code): return .failed("exit status \(code)" + (tail.isEmpty ? "" : ": \(tail)"))
        case .signalled(let signal): return .failed("killed by signal \(signal)" + (tail.isEmpty ? "" : ": \(tail)"))
        case .couldNotStart(let reason): return .failed("could not start \(argv[0]): \(reason)")
        }
    }

    private static func spawn(_ argv: [String], output: URL, handle: ChildHandle,
                              continuation: CheckedContinuation<ChildHandle.Exit, Never>) {
        let process = Process()
        // /usr/bin/env looks the program up on PATH, as a shell would.
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = argv
        process.standardInput = FileHandle.nullDevice
        guard FileManager.default.createFile(atPath: output.path, contents: nil),
              let file = try? FileHandle(forWritingTo: output) else {
            continuation.resume(returning: .couldNotStart("cannot create the output file \(output.path)"))
            return
        }
        process.standardOutput = file
        process.standardError = file
        process.terminationHandler = { finished in
            try? file.close()
            let exit: ChildHandle.Exit = finished.terminationReason == .exit
                ? .exited(finished.terminationStatus) : .signalled(finished.terminationStatus)
            continuation.resume(returning: exit)
        }
        do {
            try process.run()
            handle.started(pid: process.processIdentifier)
        } catch {
            try? file.close()
            continuation.resume(returning: .couldNotStart("\(error.localizedDescription)"))
        }
    }
}

/// The child's pid, shared between the spawning thread and the cancellation handler.
private final class ChildHandle: Sendable {
    enum Exit: Sendable { case exited(Int32), signalled(Int32), couldNotStart(String) }
    private struct State { var pid: pid_t?; var killRequested = false }
    private let state = Mutex(State())

    func started(pid: pid_t) {
        let killNow = state.withLock { state in
            state.pid = pid
            return state.killRequested
        }
        if killNow { Self.signal(pid) }
    }

    /// Kills the child now, or as soon as it has started.
    func kill() {
        let pid = state.withLock { state in
            state.killRequested = true
            return state.pid
        }
        if let pid { Self.signal(pid) }
    }

    private static func signal(_ pid: pid_t) {
        // When the child leads its own process group, take its children down with it.
        if getpgid(pid) == pid { _ = Glibc.kill(-pid, SIGKILL) }
        _ = Glibc.kill(pid, SIGKILL)
    }
}
