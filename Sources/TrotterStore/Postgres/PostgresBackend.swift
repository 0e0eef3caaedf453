import Dispatch
import Foundation
import Logging
import NIOCore
import NIOPosix
import PostgresNIO
import Synchronization
import TeamCoordination

/// The store on PostgreSQL: a small pool of connections and transactions whose bodies are the same synchronous
/// closures as on SQLite.
///
/// Write transactions take one transaction-scoped advisory lock first, so the writers of every server are
/// serialized as SQLite's one writer serializes a process's: the concerns' read-then-write steps (a run's fold and
/// its appends, a cursor and its events) stay correct across servers, and `statuses.seq` commits in order, so a
/// reader that has seen seq N never later finds a new row below N. Reads are REPEATABLE READ snapshots (what GRDB's
/// pool gives a read) and never wait for the lock.
final class PostgresBackend: Sendable {
    /// `pg_advisory_xact_lock` key of the store's writers (the coordination tables do not take it).
    static let writeLockKey: Int64 = 0x7472_6F74_7465_72   // "trotter"
    /// First key of the scoped writers' two-key locks (the second is the scope's hash).
    static let scopeLockClass: Int32 = 0x7472_6F74   // "trot"

    let url: DatabaseURL
    let logger: Logger
    private let idle = Mutex<[PostgresConnection]>([])
    private let slots: DispatchSemaphore
    private let nextID = Atomic<Int>(100)
    /// Transaction bodies block their thread on the database: they run here, never on the cooperative pool. Threads
    /// of their own, one per connection: a concurrent dispatch queue runs only as many blocks as there are cores
    /// (two transactions at a time on a 2-core server, one of them perhaps a long read, measured so).
    private let threads: NIOThreadPool

    init(url: DatabaseURL, maximumConnections: Int, logger: Logger) {
        self.url = url
        self.logger = logger
        slots = DispatchSemaphore(value: maximumConnections)
        threads = NIOThreadPool(numberOfThreads: maximumConnections)
        threads.start()
    }

    func read<T: Sendable>(_ body: @escaping @Sendable (SQLDatabase) throws -> T) async throws -> T {
        try await transaction(write: false, body)
    }

    func write<T: Sendable>(_ body: @escaping @Sendable (SQLDatabase) throws -> T) async throws -> T {
        try await transaction(write: true, body)
    }

    /// A write that takes the lock of `scope` (see ``Store/write(scope:_:)``), not the writers' one.
    func write<T: Sendable>(scope: String, _ body: @escaping @Sendable (SQLDatabase) throws -> T) async throws -> T {
        try await transaction(write: true, scope: scope, body)
    }

    private func transaction<T: Sendable>(write: Bool, scope: String? = nil,
                                          _ body: @escaping @Sendable (SQLDatabase) throws -> T) async throws -> T {
        try await threads.runIfActive { try self.transactionNow(write: write, scope: scope, body) }
    }

    /// A transaction on the calling thread (a thread of `threads`, or a test's).
    func transactionNow<T>(write: Bool, scope: String? = nil, _ body: (SQLDatabase) throws -> T) throws -> T {
        slots.wait()
        defer { slots.signal() }
        let connection = try checkout()
        let session = PostgresSession(connection: connection, url: url, logger: logger)
        var reusable = true
        defer { if reusable { checkin(connection) } else { Self.closeSoon(connection) } }
        do {
            if write, let scope {
                try session.run("BEGIN")
                // The two-key form: its keys never collide with the writers' one-key lock.
                try SQLDatabase(postgres: session).execute(sql: "SELECT pg_advisory_xact_lock(\(Self.scopeLockClass), hashtext(?))",
                                                           arguments: [scope])
            } else if write {
                try session.run("BEGIN")
                try session.run("SELECT pg_advisory_xact_lock(\(Self.writeLockKey))")
            } else {
                try session.run("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
            }
            let result = try body(SQLDatabase(postgres: session))
            try session.run("COMMIT")
            return result
        } catch {
            if (error as? PostgresStoreError)?.connectionLost ?? true || connection.isClosed {
                reusable = false
            } else if (try? session.run("ROLLBACK")) == nil {
                reusable = false
            }
            throw error
        }
    }

    private func checkout() throws -> PostgresConnection {
        while let connection = idle.withLock({ $0.popLast() }) {
            if !connection.isClosed { return connection }
        }
        do {
            let id = nextID.add(1, ordering: .relaxed).newValue
            return try PostgresConnection.connect(on: MultiThreadedEventLoopGroup.singleton.any(),
                                                  configuration: Coordinator.connectionConfiguration(url), id: id, logger: logger).wait()
        } catch {
            throw PostgresStoreError(description: "\(CoordinationError.describing(error, url: url, doing: "opening the store"))",
                                     sqlState: nil, connectionLost: true)
        }
    }

    private func checkin(_ connection: PostgresConnection) {
        idle.withLock { $0.append(connection) }
    }

    /// Closes the idle connections.
    func close() {
        for connection in idle.withLock({ pool in defer { pool = [] }; return pool }) { Self.closeSoon(connection) }
    }

    deinit {
        close()
        threads.shutdownGracefully { _ in }
    }

    /// Closes without waiting (this may run on an event loop), keeping the connection alive until it is closed.
    private static func closeSoon(_ connection: PostgresConnection) {
        connection.close().whenComplete { _ in withExtendedLifetime(connection) {} }
    }
}
