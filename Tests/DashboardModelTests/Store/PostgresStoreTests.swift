import Foundation
import Synchronization
import Testing
import TrotterSupport
@testable import TrotterStore

/// The store on PostgreSQL (the PostgreSQL pass of `scripts/test.sh`): its SQL rewriting, its migrations, two
/// stores on one database seeing each other's commits by NOTIFY, and its writers serialized across servers.
@Suite struct PostgresStoreTests {
    @Test func placeholdersAndSQLiteSpellingsAreRewritten() {
        #expect(PostgresDialect.translate("SELECT a FROM t WHERE b = ? AND c = ?") == "SELECT a FROM t WHERE b = $1 AND c = $2")
        #expect(PostgresDialect.translate("VALUES (?1, ?2, ?1)") == "VALUES ($1, $2, $1)")
        #expect(PostgresDialect.translate("SELECT '?' || ? FROM t") == "SELECT '?' || $1 FROM t", "quoted ? stays")
        #expect(PostgresDialect.translate("INSERT OR IGNORE INTO t (a) VALUES (?)")
                == "INSERT INTO t (a) VALUES ($1) ON CONFLICT DO NOTHING")
        #expect(PostgresDialect.translate("INSERT OR IGNORE INTO t (a) VALUES (?) RETURNING seq")
                == "INSERT INTO t (a) VALUES ($1) ON CONFLICT DO NOTHING RETURNING seq")
        #expect(PostgresDialect.translate("SELECT CAST(x AS INTEGER), CAST(y AS REAL)")
                == "SELECT CAST(x AS BIGINT), CAST(y AS DOUBLE PRECISION)")
    }

    @Test func aSweepsRowsGoAsMultiRowInserts() {
        #expect(RawInsert.multiRow("INSERT INTO t (a, b) VALUES (?1, ?2) ON CONFLICT (a) DO UPDATE SET b = excluded.b", rows: 3, width: 2)
                == "INSERT INTO t (a, b) VALUES ($1, $2), ($3, $4), ($5, $6) ON CONFLICT (a) DO UPDATE SET b = excluded.b")
    }

    @Test func everySQLiteMigrationHasItsPostgreSQLTwin() {
        let twins = Set(PostgresMigrations.all.map(\.name))
        for migration in Store.migrations { #expect(twins.contains(migration.name), "\(migration.name) has no PostgreSQL twin") }
    }

    @Test(.enabled(if: TestStore.onPostgres))
    func reopeningMigratesNothingAndValuesComeBackAsStored() async throws {
        let (store, folder) = try await TestStore.temporary()
        defer { try? FileManager.default.removeItem(at: folder) }
        let names = try await store.read { try String.fetchAll($0, sql: "SELECT name FROM store_migrations ORDER BY name") }
        #expect(Set(names) == Set(PostgresMigrations.all.map(\.name)))
        let again = try await TestStore.open(home: folder)
        #expect(try await again.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM store_migrations") } == names.count)

        let blob = Data([0, 1, 2, 255])
        try await store.write { db in
            try db.execute(sql: """
                INSERT INTO projects (id, name, credential_kind, public_key, sealed_private_key, state, created_at, last_sweep)
                VALUES (?, ?, 'apiKey', 'pub', ?, 'ready', ?, ?)
                """, arguments: ["p1", "ünïcode ' name", blob, 1_795_400_000.25, nil])
        }
        let read = try await again.read { db -> (String, Data, Double, Int, Double?)? in
            guard let row = try SQLRow.fetchOne(db, sql: "SELECT * FROM projects WHERE id = ?", arguments: ["p1"]) else { return nil }
            return (row["name"], row["sealed_private_key"], row["created_at"], row["cluster_count"], row["last_sweep"])
        }
        let values = try #require(read)
        #expect(values.0 == "ünïcode ' name")
        #expect(values.1 == blob)
        #expect(values.2 == 1_795_400_000.25)
        #expect(values.3 == 0)
        #expect(values.4 == nil)
        #expect(try await again.read { try Bool.fetchOne($0, sql: "SELECT EXISTS (SELECT 1 FROM projects)") } == true)
    }

    @Test(.enabled(if: TestStore.onPostgres))
    func aCommitThroughOneServersStoreWakesTheOthersWatch() async throws {
        let (one, folder) = try await TestStore.temporary()
        defer { try? FileManager.default.removeItem(at: folder) }
        let other = try await TestStore.open(home: folder)   // another server's store on the same database
        let woken = Mutex(0)
        let changes = other.logChanges()
        let counter = Task { for await _ in changes { woken.withLock { $0 += 1 } } }
        defer { counter.cancel() }
        try await Task.sleep(for: .milliseconds(500))   // the listener is up; its first look has woken once
        let before = woken.withLock { $0 }
        let start = ContinuousClock.now
        try await one.write { db in
            try db.execute(sql: "INSERT INTO statuses (id, run_id, at, kind) VALUES ('e1', 'r1', 0, 'runStarted')")
        }
        while woken.withLock({ $0 }) == before, ContinuousClock.now - start < .seconds(5) { try await Task.sleep(for: .milliseconds(5)) }
        let latency = ContinuousClock.now - start
        #expect(woken.withLock { $0 } > before, "the other store's watch woke")
        // NOTIFY, not the one-second polling fallback.
        #expect(latency < .milliseconds(900), "woken after \(latency)")
    }

    @Test(.enabled(if: TestStore.onPostgres))
    func writersOfSeveralStoresAreSerializedSoSeqCommitsInOrder() async throws {
        let (one, folder) = try await TestStore.temporary()
        defer { try? FileManager.default.removeItem(at: folder) }
        let two = try await TestStore.open(home: folder)
        // Read-then-write steps from two "servers" at once: a counter each bumps by reading it first.
        try await one.write { try $0.execute(sql: "INSERT INTO step_cursors (run_id, step, seq) VALUES ('r', 'n', 0)") }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for store in [one, two] {
                group.addTask {
                    for i in 0..<25 {
                        try await store.write { db in
                            let n = try Int64.fetchOne(db, sql: "SELECT seq FROM step_cursors WHERE run_id = 'r'") ?? -1
                            try db.execute(sql: "UPDATE step_cursors SET seq = ? WHERE run_id = 'r'", arguments: [n + 1])
                            try db.execute(sql: "INSERT INTO statuses (id, run_id, at, kind) VALUES (?, 'r', 0, 'x')",
                                           arguments: ["\(store.path)-\(i)-\(UUID())"])
                        }
                    }
                }
            }
            try await group.waitForAll()
        }
        #expect(try await one.read { try Int64.fetchOne($0, sql: "SELECT seq FROM step_cursors WHERE run_id = 'r'") } == 50,
                "no lost update: each write saw the one before")
    }

    /// Scoped writes (a project's samples) take their scope's lock, not the writers' one: two projects' writes run
    /// side by side and beside an ordinary write, two of one project still take turns. Judged by whether the
    /// bodies' spans (taken inside the transactions, once their locks are held) overlap, not by wall time.
    @Test(.enabled(if: TestStore.onPostgres))
    func scopedWritesOfTwoProjectsRunSideBySideAndOneProjectsTakeTurns() async throws {
        let (one, folder) = try await TestStore.temporary()
        defer { try? FileManager.default.removeItem(at: folder) }
        let two = try await TestStore.open(home: folder), three = try await TestStore.open(home: folder)
        let clock = ContinuousClock()
        /// Each write's body span.
        func spans(_ writes: [(Store, String?)]) async throws -> [Range<ContinuousClock.Instant>] {
            try await withThrowingTaskGroup(of: (Int, Range<ContinuousClock.Instant>).self) { group in
                for (index, (store, scope)) in writes.enumerated() {
                    group.addTask {
                        let body: @Sendable (SQLDatabase) throws -> Range<ContinuousClock.Instant> = { db in
                            let start = clock.now
                            try db.execute(sql: "SELECT pg_sleep(0.6)")
                            return start..<clock.now
                        }
                        let span = if let scope { try await store.write(scope: scope, body) } else { try await store.write(body) }
                        return (index, span)
                    }
                }
                var out = Array(repeating: clock.now..<clock.now, count: writes.count)
                for try await (index, span) in group { out[index] = span }
                return out
            }
        }
        let apart = try await spans([(one, "project:a"), (two, "project:b"), (three, nil)])
        #expect(apart[0].overlaps(apart[1]) && apart[0].overlaps(apart[2]) && apart[1].overlaps(apart[2]),
                "two projects and an ordinary write waited for each other: \(apart)")
        let same = try await spans([(one, "project:a"), (two, "project:a")])
        #expect(!same[0].overlaps(same[1]), "two writes of one project overlapped: \(same)")
    }
}
