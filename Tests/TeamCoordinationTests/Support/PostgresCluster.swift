import Foundation
import Logging
import PostgresNIO
import Synchronization
import TeamCoordination
import Testing

/// A throwaway PostgreSQL cluster around a suite (`scripts/pg-cluster.sh start|stop`: initdb + pg_ctl in a
/// temporary folder, a free port on 127.0.0.1, as `postgres` when run as root), stopped when the suite ends,
/// failed tests included. Each test takes a fresh database in it. No PostgreSQL is a failure, never a skip.
struct PostgresCluster: SuiteTrait, TestScoping {
    @TaskLocal static var url: DatabaseURL?

    var isRecursive: Bool { false }

    func provideScope(for test: Test, testCase: Test.Case?,
                      performing function: @Sendable () async throws -> Void) async throws {
        let script = ChildProcess.packageRoot.appendingPathComponent("scripts/pg-cluster.sh").path
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("trotter-pg-\(UUID().uuidString)").path
        let started = try await ChildProcess.run("/bin/bash", [script, "start", dir])
        guard started.status == 0, let url = try? DatabaseURL(parsing: started.stdout.trimmingCharacters(in: .whitespacesAndNewlines)) else {
            _ = try? await ChildProcess.run("/bin/bash", [script, "stop", dir])
            throw ClusterUnavailable(message: "PostgreSQL could not be started for the coordination tests (scripts/pg-cluster.sh start; install it with scripts/setup.sh): \(started.stderr)")
        }
        do {
            try await Self.$url.withValue(url) { try await function() }
        } catch {
            _ = try? await ChildProcess.run("/bin/bash", [script, "stop", dir])
            throw error
        }
        _ = try await ChildProcess.run("/bin/bash", [script, "stop", dir])
    }

    struct ClusterUnavailable: Error, CustomStringConvertible {
        var message: String
        var description: String { message }
    }

    private static let counter = Counter()

    /// A new, empty database in the suite's cluster.
    static func freshDatabase() async throws -> DatabaseURL {
        guard var url else { throw ClusterUnavailable(message: "no cluster: the suite lacks the PostgresCluster trait") }
        let name = "test_\(ProcessInfo.processInfo.processIdentifier)_\(counter.next())"
        _ = try await withConnection(url) { connection in
            try await connection.query(PostgresQuery(unsafeSQL: "CREATE DATABASE \(name)"), logger: logger)
        }
        url.database = name
        return url
    }

    /// A plain connection, for SQL behind the coordination layer's back.
    static func withConnection<T: Sendable>(_ url: DatabaseURL, _ body: (PostgresConnection) async throws -> T) async throws -> T {
        let connection = try await PostgresConnection.connect(
            configuration: .init(host: url.host, port: url.port, username: url.user, password: url.password,
                                 database: url.database, tls: .disable),
            id: 99, logger: logger)
        do {
            let value = try await body(connection)
            try? await connection.close()
            return value
        } catch {
            try? await connection.close()
            throw error
        }
    }

    /// Errors only: postgres-nio logs a pool's closing connections at info.
    static let logger: Logger = {
        var logger = Logger(label: "coordination-tests")
        logger.logLevel = .error
        return logger
    }()
}

/// Test-wide unique numbers.
final class Counter: Sendable {
    private let value = Mutex(0)
    func next() -> Int { value.withLock { $0 += 1; return $0 } }
}
