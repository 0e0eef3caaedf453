public import Foundation
public import GRDB
public import Logging
public import TeamCoordination

/// The store every concern keeps its tables in, on one of two backends with the same schema:
/// - SQLite (one person, or one server): one GRDB `DatabasePool` in WAL mode in a file, migrated on open. Writes
///   from other processes are seen by the next read (WAL), so a CLI command in one process can append an operator
///   event that the engine in another process picks up.
/// - PostgreSQL (a team's servers on one database): see ``connect(url:logger:)``.
///
/// Every concern keeps its own tables and migrations (see ``Store/migrations``) and reads and writes them with
/// ``read(_:)`` and ``write(_:)``, whose closures get a ``SQLDatabase`` for either backend.
public final class Store: Sendable {
    enum Backend: Sendable {
        case sqlite(DatabasePool)
        case postgres(PostgresBackend)
    }
    let backend: Backend
    /// The database file, or the PostgreSQL URL with its password masked.
    public let path: String

    /// Wakes the engine's waiters when the status log grows (here at once, from other processes within
    /// `watchInterval`).
    package let watch: StoreWatch

    /// Opens (creating if needed) the store at `path` and applies pending migrations. Safe from any number of
    /// processes at once: opening and migrating are serialized by an exclusive lock on `<path>.lock`, so one
    /// process sets WAL and migrates while the others wait, then find the work done.
    /// - Parameter watchInterval: how soon a waiting run notices events appended by other processes.
    /// - Throws: GRDB's `DatabaseError` when the file cannot be opened or a migration fails; ``StoreError``
    ///   when the lock file cannot be used.
    public init(path: String, watchInterval: Duration = .milliseconds(200)) throws {
        var configuration = Configuration()
        // Another trotter process may hold the write lock for a moment: wait rather than fail. GRDB sets this
        // busy timeout on every connection of the pool (the writer and each reader).
        configuration.busyMode = .timeout(10)
        configuration.label = "trotter.store"
        // WAL with synchronous=NORMAL: a commit no longer waits for an fsync (SQLite's default, FULL, syncs the
        // WAL on every commit; a sweep commits hundreds of times, all through the one writer). Still safe from
        // corruption and from a crash of trotter itself; only an OS crash or power cut may lose the last commits.
        configuration.prepareDatabase { db in try db.execute(sql: "PRAGMA synchronous = NORMAL") }
        let pool = try StoreLock.exclusively(path + ".lock") {
            let pool = try Self.openPool(path: path, configuration: configuration)
            try Self.migrator.migrate(pool)
            return pool
        }
        backend = .sqlite(pool)
        self.path = path
        watch = StoreWatch(pool: pool, path: path, interval: watchInterval)
    }

    private init(postgres: PostgresBackend, watchInterval: Duration) {
        backend = .postgres(postgres)
        path = postgres.url.description
        watch = StoreWatch(postgres: postgres, interval: watchInterval)
    }

    /// The store on PostgreSQL, shared by every server given the same URL: the same tables as on SQLite (created
    /// or migrated now, once, whichever server starts first), status events announced to every server by NOTIFY.
    /// - Parameter watchInterval: the polling fallback, should a notice be lost.
    /// - Throws: ``PostgresStoreError`` saying what to fix (unreachable, credentials, no such database).
    public static func connect(url: DatabaseURL, maximumConnections: Int = 8, watchInterval: Duration = .seconds(1),
                               logger: Logger) async throws -> Store {
        let backend = PostgresBackend(url: url, maximumConnections: maximumConnections, logger: logger)
        try await backend.write { db in try PostgresMigrations.apply(db) }
        return Store(postgres: backend, watchInterval: watchInterval)
    }

    /// Which backend this store is on.
    public var dialect: SQLDialect {
        switch backend {
        case .sqlite: .sqlite
        case .postgres: .postgres
        }
    }

    /// The SQLite pool (nil on PostgreSQL), for what only SQLite has: tests that inspect the file.
    public var sqlitePool: DatabasePool? {
        if case .sqlite(let pool) = backend { return pool }
        return nil
    }

    /// A read transaction (a snapshot: every statement sees the same committed state).
    public func read<T: Sendable>(_ body: @escaping @Sendable (SQLDatabase) throws -> T) async throws -> T {
        switch backend {
        case .sqlite(let pool): try await pool.read { db in try body(SQLDatabase(sqlite: db)) }
        case .postgres(let postgres): try await postgres.read(body)
        }
    }

    /// A write transaction: committed when `body` returns, rolled back when it throws. Writers are serialized
    /// (SQLite's one writer; on PostgreSQL, one lock for every server's store writers).
    public func write<T: Sendable>(_ body: @escaping @Sendable (SQLDatabase) throws -> T) async throws -> T {
        switch backend {
        case .sqlite(let pool): try await pool.write { db in try body(SQLDatabase(sqlite: db)) }
        case .postgres(let postgres): try await postgres.write(body)
        }
    }

    /// A write transaction whose correctness depends only on other writes of `scope` (one project's samples, the
    /// change feed's appends), never on the status log: on PostgreSQL it takes a lock of that scope instead of the
    /// writers' one, so the servers' sweeps write their projects side by side; writes of one scope still take
    /// turns. On SQLite, the one writer as ever.
    public func write<T: Sendable>(scope: String, _ body: @escaping @Sendable (SQLDatabase) throws -> T) async throws -> T {
        switch backend {
        case .sqlite(let pool): try await pool.write { db in try body(SQLDatabase(sqlite: db)) }
        case .postgres(let postgres): try await postgres.write(scope: scope, body)
        }
    }

    /// Closes a PostgreSQL store's idle connections (a SQLite store closes with its last reference).
    public func close() {
        if case .postgres(let postgres) = backend { postgres.close() }
    }

    /// Opens the pool, which sets WAL (a no-op once the file is in WAL). A process that is not trotter may still
    /// hold the file for a moment (an `sqlite3` shell): a busy answer is retried for up to 10 s.
    private static func openPool(path: String, configuration: Configuration) throws -> DatabasePool {
        let deadline = ContinuousClock.now + .seconds(10)
        while true {
            do {
                return try DatabasePool(path: path, configuration: configuration)
            } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY && ContinuousClock.now < deadline {
                usleep(20_000)
            }
        }
    }

    /// A store in a fresh temporary directory, for tests and benchmarks.
    public static func temporary() throws -> Store {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("trotter-store-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return try Store(path: directory.appendingPathComponent("trotter.sqlite").path)
    }

    /// The store of a trotter home directory (`$TROTTER_HOME`, default `~/.local/share/globetrotter`),
    /// creating the directory when missing.
    public static func atHome(_ environment: [String: String] = ProcessInfo.processInfo.environment) throws -> Store {
        // The same folder rule as the manager's, so `trotter runs` and `trotter projects` share one store.
        let home = StoreHome.directory(environment: environment)
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        return try Store(path: home.appendingPathComponent("trotter.sqlite").path)
    }

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        for migration in migrations {
            migrator.registerMigration(migration.name) { db in try migration.migrate(db) }
        }
        return migrator
    }
}
