import Logging
import PostgresNIO
import TeamCoordination
import Testing

extension CoordinationSuite {
    /// Several servers starting at once on a new database: the advisory lock lets one migrate, the others find
    /// the work done; starting again changes nothing.
    @Suite struct MigrationTests {
        @Test func serversStartingAtOnceMigrateOnce() async throws {
            let url = try await PostgresCluster.freshDatabase()
            let logger = PostgresCluster.logger
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<6 {
                    group.addTask {
                        let coordinator = try await Coordinator.connect(url: url, maximumConnections: 2, logger: logger)
                        await coordinator.close()
                    }
                }
                try await group.waitForAll()
            }
            let again = try await Coordinator.connect(url: url, logger: logger)
            await again.close()
            let rows = try await PostgresCluster.withConnection(url) { connection in
                var versions: [Int] = []
                let rows = try await connection.query(
                    "SELECT version FROM schema_migrations WHERE component = 'coordination'", logger: logger)
                for try await version in rows.decode(Int.self) { versions.append(version) }
                return versions
            }
            #expect(rows == [1, 2])
        }
    }
}
