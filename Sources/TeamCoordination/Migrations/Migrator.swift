import Logging
import PostgresNIO

/// Applies a component's migrations once, whatever the number of servers starting at the same moment: all of it
/// runs in one transaction holding a transaction-level advisory lock, so a second server waits for the first to
/// commit and then finds nothing left to do. `schema_migrations` is keyed by component so the full store's
/// migrations can share the table.
struct Migrator: Sendable {
    var component: String
    var migrations: [Migration]

    /// Any constant works as long as every server uses the same one; this one reads "trotmigr".
    static let lockKey: Int64 = 0x74726f746d696772

    func migrate(_ connection: PostgresConnection, url: DatabaseURL, logger: Logger) async throws {
        do {
            try await connection.withTransaction(logger: logger) { connection in
                try await connection.query("SELECT pg_advisory_xact_lock(\(Self.lockKey))", logger: logger)
                try await connection.query("""
                    CREATE TABLE IF NOT EXISTS schema_migrations (
                        component text NOT NULL,
                        version integer NOT NULL,
                        name text NOT NULL,
                        applied_at timestamptz NOT NULL DEFAULT now(),
                        PRIMARY KEY (component, version))
                    """, logger: logger)
                var applied: Set<Int> = []
                let rows = try await connection.query(
                    "SELECT version FROM schema_migrations WHERE component = \(component)", logger: logger)
                for try await version in rows.decode(Int.self) { applied.insert(version) }
                for migration in migrations.sorted(by: { $0.version < $1.version }) where !applied.contains(migration.version) {
                    for statement in migration.statements {
                        try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger)
                    }
                    try await connection.query("""
                        INSERT INTO schema_migrations (component, version, name)
                        VALUES (\(component), \(migration.version), \(migration.name))
                        """, logger: logger)
                    logger.info("applied migration", metadata: ["component": "\(component)", "version": "\(migration.version)"])
                }
            }
        } catch {
            throw PostgresErrorMapping.map(error, url: url, doing: "migrating the schema")
        }
    }
}
