import DashboardModel
import DashboardViews
import Foundation
import Glibc
import Synchronization

/// `trotter dashboard --preview --namespaces 100000 --bench-keys SECONDS`: the UI loop's path, headless. A
/// feeder thread sends a changed snapshot every second (through the ``SnapshotPreparer``, or straight to the
/// loop with `--bench-inline`, as before the preparer), another presses a navigation key every 15 ms; the
/// loop sleeps in `poll` on the wake pipe, drains its inbox, updates, renders and diffs, as in the terminal.
/// Reports the time from each key press to the end of the frame that shows it.
enum KeyLatencyBenchmark {
    struct Result {
        var latencies: [Double]
        var swaps: [Double]
        var snapshots: Int
        /// The UI thread's own work per wake (drain, update, render, diff), without waiting for a core.
        var busy: [Double] = []
    }

    static func run(seconds: Double, namespaces: Int, width: Int, height: Int, inline: Bool) throws -> Result {
        let clock = ContinuousClock()
        let base = PreviewData.snapshot(namespaceCount: namespaces)
        var state = AppState(width: width, height: height, now: PreviewData.epoch)
        _ = Update.update(&state, .snapshot(base))
        var buffer = DashboardScreen.render(state)

        let pipe = try WakePipe()
        let inbox = Inbox(pipe: pipe)
        let shared = Shared()
        let preparer = SnapshotPreparer(settings: state.namespaces.settings) { inbox.post(.prepared($0)) }
        defer { preparer.stop() }

        let feeder = Thread {
            _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, 10)  // stands in for the manager
            var snap = base
            var version = 1
            while shared.running.load(ordering: .relaxed) {
                Thread.sleep(forTimeInterval: 1)
                // A sweep's worth of change: every namespace's sample is newer, some grow.
                version += 1
                snap.version = version
                for i in snap.namespaces.indices {
                    snap.namespaces[i].sampledAt = snap.namespaces[i].sampledAt.addingTimeInterval(1)
                    if i % 97 == version % 97 { snap.namespaces[i].storageSize += 65_536 }
                }
                if inline { inbox.post(.snapshot(snap)) } else { preparer.submit(snap) }
            }
        }
        let keys = Thread {
            let script: [Key] = [.down, .down, .down, .pageDown, .up, .down, .pageUp, .down]
            var i = 0
            while shared.running.load(ordering: .relaxed) {
                Thread.sleep(forTimeInterval: 0.015)
                shared.pressed.withLock { $0.append(clock.now) }
                inbox.post(.key(script[i % script.count]))
                i += 1
            }
        }
        feeder.start()
        keys.start()

        var result = Result(latencies: [], swaps: [], snapshots: 0)
        var fds = [pollfd(fd: pipe.readFD, events: Int16(POLLIN), revents: 0)]
        let end = clock.now + .milliseconds(Int(seconds * 1_000))
        var handled = 0
        while clock.now < end {
            _ = poll(&fds, 1, 100)
            let woke = clock.now
            _ = pipe.drain()
            var keysInFrame = 0
            for message in inbox.takeAll() {
                switch message {
                case .prepared, .snapshot:
                    result.snapshots += 1
                    let d = clock.measure { _ = Update.update(&state, message) }
                    result.swaps.append(FrameBenchmark.ms(d))
                case .key:
                    keysInFrame += 1
                    _ = Update.update(&state, message)
                default:
                    _ = Update.update(&state, message)
                }
            }
            preparer.update(settings: state.namespaces.settings)
            preparer.discard(state.takeRetired())
            let next = DashboardScreen.render(state)
            _ = BufferDiff.changes(from: buffer, to: next)
            buffer = next
            let done = clock.now
            result.busy.append(FrameBenchmark.ms(woke.duration(to: done)))
            // Keys are stamped before they are posted, in order: this frame showed the next `keysInFrame` stamps.
            let times = shared.pressed.withLock { Array($0[handled..<(handled + keysInFrame)]) }
            for t in times { result.latencies.append(FrameBenchmark.ms(t.duration(to: done))) }
            handled += keysInFrame
        }
        shared.running.store(false, ordering: .relaxed)
        return result
    }

    /// What the threads share: when each key was pressed, and whether to go on.
    private final class Shared: Sendable {
        let pressed = Mutex<[ContinuousClock.Instant]>([])
        let running = Atomic<Bool>(true)
    }

    static func report(_ r: Result, namespaces: Int, inline: Bool) -> String {
        func line(_ name: String, _ values: [Double]) -> String {
            guard !values.isEmpty else { return "\(name): none\n" }
            let s = values.sorted()
            return String(format: "%@ n=%d  p50 %.2f ms  p99 %.2f ms  max %.2f ms\n", name as NSString, s.count,
                          s[s.count / 2], s[min(s.count - 1, s.count * 99 / 100)], s[s.count - 1])
        }
        var out = "key-to-frame benchmark: \(Formatters.grouped(namespaces)) namespaces, a changed snapshot every second, "
        out += inline ? "applied on the UI thread (--bench-inline)\n" : "prepared off the UI thread\n"
        out += line("key to frame", r.latencies)
        out += line("snapshot applied on the UI thread", r.swaps)
        out += line("UI thread work per wake", r.busy)
        return out
    }
}
