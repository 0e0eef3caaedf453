import Logging
public import PostgresNIO

/// One server's handle on the shared PostgreSQL: a connection pool, the migrated schema, the job queue, the
/// shared schedule and change notices. Everything is async on NIO's event loops (no blocking call, so it is fine
/// on the cooperative pool).
///
/// ```swift
/// let coordinator = try await Coordinator.connect(url: DatabaseURL(parsing: text), logger: logger)
/// defer { Task { await coordinator.close() } }
/// let jobs = try await coordinator.queue.claim(by: "server-1", limit: 4, lease: .seconds(5))
/// ```
public final class Coordinator: Sendable {
    public let url: DatabaseURL
    public let queue: JobQueue
    public let schedule: SharedSchedule
    let client: PostgresClient
    let logger: Logger
    private let runTask: Task<Void, Never>

    /// Connects (one connection of its own first, so a wrong URL fails now with a clear error instead of a pool
    /// that retries forever), then runs the migrations under an advisory lock on that connection.
    /// - Throws: `CoordinationError` (`.unreachable`, `.authentication`, `.noDatabase`, `.database`).
    public static func connect(url: DatabaseURL, maximumConnections: Int = 8, logger: Logger) async throws -> Coordinator {
        let first = try await probe(url, logger: logger)
        var configuration = PostgresClient.Configuration(
            host: url.host, port: url.port, username: url.user, password: url.password, database: url.database,
            tls: .disable)
        configuration.options.maximumConnections = maximumConnections
        configuration.options.connectTimeout = .seconds(5)
        let coordinator = Coordinator(url: url, client: PostgresClient(configuration: configuration, backgroundLogger: logger),
                                      logger: logger)
        // Not through the pool: it leases only once `run()` is under way, and its task may not have started yet
        // (postgres-nio warns "run() hasn't been called" when leased before).
        do {
            try await Migrator(component: "coordination", migrations: CoordinationMigrations.all)
                .migrate(first, url: url, logger: logger)
        } catch {
            try? await first.close()
            await coordinator.close()
            throw error
        }
        try? await first.close()
        return coordinator
    }

    private init(url: DatabaseURL, client: PostgresClient, logger: Logger) {
        self.url = url
        self.client = client
        self.logger = logger
        self.queue = JobQueue(client: client, url: url, logger: logger)
        self.schedule = SharedSchedule(client: client, queue: queue, url: url, logger: logger)
        // The pool only leases connections while `run()` is running.
        runTask = Task { await client.run() }
    }

    /// Closes the pool; pending queries fail.
    public func close() async {
        runTask.cancel()
        _ = await runTask.value
    }

    /// A listener for change notices on its own connection (LISTEN needs one that stays open).
    /// - Parameter topics: the notices wanted (`jobs`: new job ids; `done`: run ids with a job just finished);
    ///   nil for all.
    public func makeListener(topics: Set<String>? = nil,
                             onSignal: @escaping @Sendable (ChangeListener.Signal) -> Void) -> ChangeListener {
        ChangeListener(url: url, topics: topics, logger: logger, onSignal: onSignal)
    }

    /// One connection's configuration (no TLS: the servers and the database share a private network; 5 s to connect).
    public static func connectionConfiguration(_ url: DatabaseURL) -> PostgresConnection.Configuration {
        var configuration = PostgresConnection.Configuration(
            host: url.host, port: url.port, username: url.user, password: url.password, database: url.database,
            tls: .disable)
        configuration.options.connectTimeout = .seconds(5)
        return configuration
    }

    private static func probe(_ url: DatabaseURL, logger: Logger) async throws -> PostgresConnection {
        do {
            return try await PostgresConnection.connect(configuration: connectionConfiguration(url), id: 0, logger: logger)
        } catch {
            throw PostgresErrorMapping.map(error, url: url, doing: "connecting")
        }
    }
}
