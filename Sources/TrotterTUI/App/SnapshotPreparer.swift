import DashboardModel
import DashboardViews
import Foundation
import Glibc
import Synchronization

/// Prepares each new snapshot for the dashboard on its own thread (the namespaces table for 100,000 rows takes
/// ~150 ms to build), so the UI thread only swaps a finished one in. Latest wins: a snapshot that arrives while
/// one is being prepared replaces any still waiting. What swaps replaced is released here too.
final class SnapshotPreparer: Sendable {
    private struct Slot: Sendable {
        var next: DashboardSnapshot?
        var settings: TableModel<NamespaceStats>.Settings
        var garbage: [Retired] = []
        var stopped = false
    }

    private let slot: Mutex<Slot>
    private let wake = DispatchSemaphore(value: 0)
    private let deliver: @Sendable (PreparedSnapshot) -> Void

    /// - Parameter deliver: called on the preparer's thread with each prepared snapshot.
    init(settings: TableModel<NamespaceStats>.Settings, deliver: @escaping @Sendable (PreparedSnapshot) -> Void) {
        slot = Mutex(Slot(settings: settings))
        self.deliver = deliver
        let thread = Thread { [self] in
            // Background work: on a busy machine the UI thread (and its key presses) should win the core. On Linux
            // the nice value is per thread, and `who` 0 is the calling thread.
            _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, 10)
            loop()
        }
        thread.name = "trotter-prepare"
        thread.start()
    }

    func submit(_ snapshot: DashboardSnapshot) {
        slot.withLock { $0.next = snapshot }
        wake.signal()
    }

    /// The namespaces table's sort and filter as the UI has them now (called after each update; cheap).
    func update(settings: TableModel<NamespaceStats>.Settings) {
        slot.withLock { if $0.settings != settings { $0.settings = settings } }
    }

    /// Releases what swaps replaced on this thread.
    func discard(_ retired: [Retired]) {
        guard !retired.isEmpty else { return }
        slot.withLock { $0.garbage += retired }
        wake.signal()
    }

    func stop() {
        slot.withLock { $0.stopped = true }
        wake.signal()
    }

    private func loop() {
        var previous: DashboardSnapshot?
        while true {
            wake.wait()
            // `garbage` goes out of scope at the end of this iteration: the old rows are freed here.
            let (next, settings, garbage, stopped) = slot.withLock { s in
                defer { s.next = nil; s.garbage = [] }
                return (s.next, s.settings, s.garbage, s.stopped)
            }
            _ = garbage
            if stopped { return }
            guard let next else { continue }
            let prepared = PreparedSnapshot.make(next, previous: previous, settings: settings)
            previous = next
            deliver(prepared)
        }
    }
}
