import DashboardModel
import DashboardViews
import Foundation
import Glibc
import Logging

/// The dashboard's UI loop on its own thread: sleeps in `poll` on stdin and the wake pipe, drains all
/// input and messages, runs the pure update, renders one frame and writes only the changed cells.
/// No fixed frame ticker: frames happen on input, messages, resizes and visible clock changes.
final class DashboardLoop {
    struct Options {
        var terminal = CursesTerminal.Options()
        /// Where stderr points while curses owns the terminal (the log file).
        var stderrPath: String
        /// A run whose inspector opens at start.
        var openRun: String?
    }

    private let manager: any ManagerService
    private let options: Options
    private let logger: Logger
    private let started = ContinuousClock.now
    private var loggedData = false

    init(manager: any ManagerService, options: Options, logger: Logger) {
        self.manager = manager
        self.options = options
        self.logger = logger
    }

    /// Runs until quit; the terminal is restored on every way out.
    func run() throws {
        let pipe = try WakePipe()
        pipe.installSignalHandlers()
        defer { pipe.restoreSignalHandlers() }
        let stderrSaved = redirectStderr()
        defer { restoreStderr(stderrSaved) }
        let term = try CursesTerminal(options: options.terminal)
        defer { term.shutdown() }

        let inbox = Inbox(pipe: pipe)
        let runner = EffectRunner(manager: manager, inbox: inbox, logger: logger)
        var state = AppState(width: term.width, height: term.height, now: Date(), theme: term.theme)
        // Snapshots are prepared off this thread; the loop only swaps them in.
        let preparer = SnapshotPreparer(settings: state.namespaces.settings) { inbox.post(.prepared($0)) }
        defer { preparer.stop() }
        let manager = manager
        let subscription = Task {
            for await snap in manager.snapshots() { preparer.submit(snap) }
        }
        defer { subscription.cancel() }

        if let run = options.openRun {
            for effect in Update.update(&state, .openRun(run)) { runner.run(effect) }
        }
        var frames = 0
        render(&state, term, frames: &frames)
        var fds = [pollfd(fd: 0, events: Int16(POLLIN), revents: 0),
                   pollfd(fd: pipe.readFD, events: Int16(POLLIN), revents: 0)]
        while true {
            let timeout = Self.clockTimeout(state)
            let rc = poll(&fds, 2, timeout)
            if rc < 0 && errno != EINTR { throw TerminalError("poll failed (errno \(errno)).") }
            var messages: [Message] = []
            var repaint = false
            for sig in pipe.drain() {
                switch sig {
                case SIGINT, SIGTERM, SIGHUP:
                    logger.info("signal \(sig): quitting")
                    return
                case SIGWINCH:
                    term.resize()
                    messages.append(.resize(width: term.width, height: term.height))
                case SIGCONT:
                    repaint = true
                default: break
                }
            }
            for event in term.readInput() {
                switch event {
                case .key(let k): messages.append(.key(k))
                case .resize:
                    term.resize()
                    messages.append(.resize(width: term.width, height: term.height))
                }
            }
            messages += inbox.takeAll()
            messages.append(.tick(Date()))
            for message in messages {
                for effect in Update.update(&state, message) {
                    switch effect {
                    case .quit: return
                    case .repaint: repaint = true
                    case .copy(let text): Clipboard.copy(text)
                    default: runner.run(effect)
                    }
                }
            }
            preparer.update(settings: state.namespaces.settings)
            preparer.discard(state.takeRetired())
            if repaint { term.forceRepaint() }
            render(&state, term, frames: &frames)
        }
    }

    private func render(_ state: inout AppState, _ term: CursesTerminal, frames: inout Int) {
        let buffer = DashboardScreen.render(state)
        term.draw(buffer)
        frames += 1
        if frames == 1 {
            logger.info("first frame \(started.duration(to: .now)) after start (\(term.width)x\(term.height))")
        }
        if !loggedData, state.snapshot.version > 0 {
            loggedData = true
            logger.info("first frame with data \(started.duration(to: .now)) after start (\(state.snapshot.namespaces.count) namespaces)")
        }
    }

    /// How long `poll` may sleep: until the next change of a relative time on screen ("12 s ago" ticks
    /// each second, "5 min ago" each minute), 1 s while a running run's duration is shown, else 30 s.
    static func clockTimeout(_ s: AppState) -> Int32 {
        var next = 30.0
        if s.pane == .runs || s.inspector != nil, s.snapshot.runs.contains(where: { $0.status == "running" }) { next = 1 }
        var shown = [s.snapshot.lastSweep]
        if s.pane == .projects { shown += s.snapshot.projects.map(\.lastSweep) }
        for case let date? in shown {
            let age = s.now.timeIntervalSince(date)
            if age < 60 { next = min(next, 1 - age.truncatingRemainder(dividingBy: 1)) }
            else if age < 3_600 { next = min(next, 60 - age.truncatingRemainder(dividingBy: 60)) }
        }
        return Int32(max(0.05, next) * 1_000)
    }

    /// Points stderr at the log file while curses owns the terminal (htop does the same).
    private func redirectStderr() -> Int32 {
        let fd = open(options.stderrPath, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else { return -1 }
        defer { close(fd) }
        let saved = dup(2)
        dup2(fd, 2)
        return saved
    }

    private func restoreStderr(_ saved: Int32) {
        guard saved >= 0 else { return }
        dup2(saved, 2)
        close(saved)
    }
}
