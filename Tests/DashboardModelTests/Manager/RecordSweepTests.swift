import Foundation
import GRDB
import Testing
@testable import AtlasAPI
@testable import DashboardModel
@testable import Manager
@testable import TrotterStore

/// The sweep's write of one project: samples appended, the newest row per namespace updated in place with its
/// growth, namespaces no longer read dropped, and a re-read of the same snapshot replacing rather than adding.
@Suite struct RecordSweepTests {
    func ns(_ coll: String, storage: Int64, type: String = "collection") -> WorkerReadResult.Namespace {
        .init(db: "d", collection: coll, type: type, count: storage / 10, size: storage / 2, storageSize: storage,
              freeStorageSize: storage / 4, totalIndexSize: 7, nindexes: 2)
    }

    /// A fresh store with these projects; removed when the test ends.
    func store(projects ids: [String]) async throws -> Store {
        let store = try await TestStore.temporary().store
        try await store.write { db in
            for id in ids {
                try db.execute(sql: """
                    INSERT INTO projects (id, name, credential_kind, public_key, sealed_private_key, state, created_at)
                    VALUES (?, ?, 'apiKey', 'pub', ?, 'ready', 0)
                    """, arguments: [id, "name-" + id, Data([0])])
            }
        }
        return store
    }

    func remove(_ store: Store) { try? FileManager.default.removeItem(at: URL(fileURLWithPath: store.path).deletingLastPathComponent()) }

    @Test func latestRowsFollowTheSweeps() async throws {
        let store = try await store(projects: ["p1", "p2"])
        defer { remove(store) }
        let m = ManagerStore(db: store)
        let t0 = Date(timeIntervalSince1970: 1_795_400_000)
        let disk = [DiskReading(cluster: "c", totalBytes: 100, usedBytes: 60, freeBytes: 40)]
        try await m.recordSweep(projectID: "p1", at: t0, namespaces: [("c", ns("a", storage: 1000)), ("c", ns("b", storage: 500)), ("k", ns("a", storage: 9))], disks: disk)
        try await m.recordSweep(projectID: "p2", at: t0, namespaces: [("c", ns("a", storage: 1))], disks: [])
        var latest = try await m.latestNamespaces(projectID: "p1")
        #expect(latest.map { "\($0.cluster)/\($0.collection)" }.sorted() == ["c/a", "c/b", "k/a"])
        #expect(latest.allSatisfy { $0.growthPerHour == nil }, "one sample: no growth yet")

        // Two hours later: `a` grew by 2,000 bytes, `b` is gone, cluster `k` was not read, `t` is new.
        let t1 = t0.addingTimeInterval(7200)
        try await m.recordSweep(projectID: "p1", at: t1, namespaces: [("c", ns("a", storage: 3000)), ("c", ns("t", storage: 50, type: "timeseries"))], disks: disk)
        latest = try await m.latestNamespaces(projectID: "p1")
        #expect(latest.map { "\($0.cluster)/\($0.collection)" }.sorted() == ["c/a", "c/t"])
        let a = try #require(latest.first { $0.collection == "a" })
        #expect(a.storageSize == 3000 && a.freeStorageSize == 750 && a.count == 300 && a.nindexes == 2 && a.totalIndexSize == 7)
        #expect(a.growthPerHour == 1000)
        #expect(a.sampledAt == t1)
        #expect(try await m.latestNamespaces(projectID: "p2").count == 1, "another project's rows are untouched")

        // The same snapshot read again replaces its samples.
        try await m.recordSweep(projectID: "p1", at: t1, namespaces: [("c", ns("a", storage: 3000))], disks: disk)
        #expect(try await m.history(projectID: "p1", cluster: "c", db: "d", collection: "a").map(\.storageSize) == [1000, 3000])
        #expect(try await m.latestNamespaces(projectID: "p1").map(\.collection) == ["a"])
        let diskRows = try await store.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM disk_samples WHERE project_id = 'p1'") }
        #expect(diskRows == 2)
        let type = try await store.read { db in try String.fetchOne(db, sql: "SELECT type FROM namespaces_latest WHERE coll = 'a' AND project_id = 'p1'") }
        #expect(type == "collection")
    }

    /// The baseline is kept on the latest row while it is at most an hour past the 24-hour window, then looked up
    /// again in the history.
    @Test func theGrowthBaselineAgesOutAnHourPastTheWindow() async throws {
        let store = try await store(projects: ["p1"])
        defer { remove(store) }
        let m = ManagerStore(db: store)
        let t0 = Date(timeIntervalSince1970: 1_795_400_000)
        func sweep(hours: Double, storage: Int64) async throws -> Double? {
            try await m.recordSweep(projectID: "p1", at: t0.addingTimeInterval(hours * 3600), namespaces: [("c", ns("a", storage: storage))], disks: [])
            return try await m.latestNamespaces(projectID: "p1").first?.growthPerHour
        }
        #expect(try await sweep(hours: 0, storage: 0) == nil)
        #expect(try await sweep(hours: 2, storage: 200) == 100)
        // 24.5 h after the first sample: still the baseline (inside the hour of slack).
        #expect(try await sweep(hours: 24.5, storage: 2450) == 100)
        // 25.5 h: too old; the oldest sample inside the last 24 h is the one at 2 h.
        let g = try await sweep(hours: 25.5, storage: 4800) ?? .nan
        #expect(abs(g - (4800.0 - 200) / 23.5) < 1e-9)
        let base = try await store.read { db -> (Double?, Int64?) in
            let row = try SQLRow.fetchOne(db, sql: "SELECT base_at, base_storage FROM namespaces_latest")
            return (row?[0], row?[1])
        }
        #expect(base.0 == t0.addingTimeInterval(2 * 3600).timeIntervalSince1970 && base.1 == 200)
        // Rows from before the baseline column (NULL) are looked up in the history.
        try await store.write { db in try db.execute(sql: "UPDATE namespaces_latest SET base_at = NULL, base_storage = NULL") }
        let again = try await sweep(hours: 26.5, storage: 4900) ?? .nan
        #expect(abs(again - (4900.0 - 2450) / 2) < 1e-9, "oldest inside [2.5 h, 26.5 h): the sample at 24.5 h")
    }

    @Test func aFailedInsertRollsTheWholeProjectBack() async throws {
        let store = try await store(projects: [])
        defer { remove(store) }
        let m = ManagerStore(db: store)
        // No such project: the foreign key refuses the first row, and nothing of the sweep stays.
        await #expect(throws: (any Error).self) {
            try await m.recordSweep(projectID: "nope", at: Date(), namespaces: [("c", ns("a", storage: 1))], disks: [])
        }
        let rows = try await store.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM namespace_samples") }
        #expect(rows == 0)
    }

    @Test(.enabled(if: !TestStore.onPostgres, "SQLite pragmas")) func commitsDoNotWaitForAnFsync() async throws {
        let store = try await store(projects: [])
        defer { remove(store) }
        let modes = try await store.write { db in
            (try String.fetchOne(db, sql: "PRAGMA journal_mode"), try Int.fetchOne(db, sql: "PRAGMA synchronous"))
        }
        #expect(modes.0 == "wal" && modes.1 == 1, "WAL with synchronous=NORMAL (1)")
        #expect(try await store.sqlitePool!.read { try Int.fetchOne($0, sql: "PRAGMA synchronous") } == 1, "readers too")
    }
}
