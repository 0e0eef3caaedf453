import CNcurses
import Glibc

/// The UI loop's wake-up pipe: signal handlers (in C, see CNcurses/shim.h) write the signal number,
/// other threads write 0 to say "new messages in the inbox". The loop `poll`s its read end with stdin.
/// Every call into the shim's signal functions lives in this file (their C statics are per Swift file).
final class WakePipe: Sendable {
    let readFD: Int32
    let writeFD: Int32

    init() throws(TerminalError) {
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else {
            throw TerminalError("Could not create the wake-up pipe (errno \(errno)); too many open files?")
        }
        readFD = fds[0]
        writeFD = fds[1]
        for fd in fds {
            _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)  // the signal handler must never block
            _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
        }
    }

    /// Routes SIGINT/SIGTERM/SIGHUP/SIGWINCH/SIGCONT into this pipe and arms the crash handlers that
    /// restore the terminal. Call before `initscr`, so ncurses keeps its hands off these signals.
    func installSignalHandlers() { trotter_install_signal_handlers(writeFD) }

    func restoreSignalHandlers() { trotter_restore_signal_handlers() }

    /// Wakes the loop from any thread.
    func wake() {
        var b: UInt8 = 0
        _ = write(writeFD, &b, 1)  // a full pipe already means "wake up": ignoring EAGAIN is right
    }

    /// Reads everything pending. - Returns: the signal numbers received (0 = inbox wake-ups, dropped).
    func drain() -> [Int32] {
        var signals: [Int32] = []
        var buf = [UInt8](repeating: 0, count: 64)
        while true {
            let n = read(readFD, &buf, buf.count)
            if n <= 0 { break }
            for b in buf.prefix(n) where b != 0 { signals.append(Int32(b)) }
        }
        return signals
    }

    deinit {
        close(readFD)
        close(writeFD)
    }
}

/// A terminal problem, said for a person.
struct TerminalError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
