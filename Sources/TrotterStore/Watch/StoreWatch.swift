import Foundation
import GRDB
import Logging
import Synchronization
import TeamCoordination

/// Wakes whoever waits for the status log to grow, so that a waiting run costs nothing:
/// - at once after a commit through this store's pool that touched `statuses` (a GRDB region observation);
/// - within `interval` after any other connection's commit (another process, or another ``Store`` on the same
///   file): `PRAGMA data_version` on a connection of its own changes whenever some other connection committed.
///   That is one pragma on an idle connection, no transaction, and it is polled only while someone waits.
///
/// On PostgreSQL (every server on one database): at once on a NOTIFY from the store's trigger (a status event
/// committed by any server), and within `interval` by polling the log's head should a notice be lost.
///
/// Wakes may be spurious (the change was elsewhere in the store); a waiter re-reads what it needs.
package final class StoreWatch: Sendable {
    private let waiters = Waiters()
    private let observation: AnyDatabaseCancellable?
    private let poller: @Sendable (Waiters) async -> Void

    init(pool: DatabasePool, path: String, interval: Duration) {
        let waiters = waiters
        observation = DatabaseRegionObservation(tracking: Table("statuses"))
            .start(in: pool, onError: { _ in }, onChange: { _ in waiters.wakeAll() })
        poller = { waiters in await Self.poll(path: path, interval: interval, waiters: waiters) }
    }

    init(postgres backend: PostgresBackend, interval: Duration) {
        observation = nil
        poller = { waiters in await Self.listen(backend, interval: interval, waiters: waiters) }
    }

    deinit {
        observation?.cancel()
        waiters.stopPolling()
    }

    /// Registers `signal` to be signalled on every change. - Returns: the id to ``remove(_:)`` it with.
    package func add(_ signal: WakeSignal) -> UInt64 { add { signal.signal() } }

    /// Registers `wake` to be called on every change (on GRDB's writer queue or the poller's task: keep it short).
    package func add(_ wake: @escaping @Sendable () -> Void) -> UInt64 {
        waiters.add(wake) { [poller, waiters] in await poller(waiters) }
    }

    package func remove(_ id: UInt64) { waiters.remove(id) }

    /// Signals every waiter when `PRAGMA data_version` moves; also once at the start, since a commit may have
    /// come between a waiter's last read and the first poll.
    private static func poll(path: String, interval: Duration, waiters: Waiters) async {
        var configuration = Configuration()
        configuration.readonly = true
        configuration.busyMode = .timeout(10)
        configuration.label = "trotter.store.watch"
        guard let connection = try? DatabaseQueue(path: path, configuration: configuration) else { return }
        var last: Int?
        while !Task.isCancelled {
            if let version = try? await connection.read({ db in try Int.fetchOne(db, sql: "PRAGMA data_version") }),
               version != last {
                last = version
                waiters.wakeAll()
            }
            try? await Task.sleep(for: interval)
        }
    }

    /// Listens for the store's notices of status events and, as the fallback, polls the status log's head.
    private static func listen(_ backend: PostgresBackend, interval: Duration, waiters: Waiters) async {
        // Status events only: team events follow every server's snapshot changes, so waking on them would have each
        // server refresh on the others' refreshes, for ever.
        let listener = ChangeListener(url: backend.url, topics: ["statuses"], logger: backend.logger, channel: PostgresWatch.channel) { _ in
            // `.listening` and `.lost` too: notices may have been missed, so look now.
            waiters.wakeAll()
        }
        let listening = Task { await listener.run() }
        defer { listening.cancel() }
        var last: Int64?
        while !Task.isCancelled {
            let heads = try? await backend.read { db in try Int64.fetchOne(db, sql: "SELECT MAX(seq) FROM statuses") ?? 0 }
            if let heads, heads != last {
                last = heads
                waiters.wakeAll()
            }
            try? await Task.sleep(for: interval)
        }
    }

    /// The registered wakes and the poller that runs while there are any.
    final class Waiters: Sendable {
        private struct State { var wakes: [UInt64: @Sendable () -> Void] = [:]; var nextID: UInt64 = 0; var poller: Task<Void, Never>? }
        private let state = Mutex(State())

        func add(_ wake: @escaping @Sendable () -> Void, poller: @escaping @Sendable () async -> Void) -> UInt64 {
            state.withLock { state in
                state.nextID &+= 1
                state.wakes[state.nextID] = wake
                if state.poller == nil { state.poller = Task.detached { await poller() } }
                return state.nextID
            }
        }

        func remove(_ id: UInt64) {
            let poller = state.withLock { state -> Task<Void, Never>? in
                state.wakes[id] = nil
                guard state.wakes.isEmpty else { return nil }
                defer { state.poller = nil }
                return state.poller
            }
            poller?.cancel()
        }

        func wakeAll() {
            for wake in state.withLock({ Array($0.wakes.values) }) { wake() }
        }

        func stopPolling() {
            state.withLock { $0.poller }?.cancel()
        }
    }
}
