import Foundation
import GRDB
import Testing
@testable import DashboardModel
@testable import Manager
@testable import TrotterStore

@Suite struct HistoryThinningTests {
    /// One namespace sampled every 5 minutes for 30 hours, another every 5 minutes for the last 2 hours.
    func seeded() async throws -> (ManagerStore, Store, now: Double) {
        let store = try await TestStore.temporary().store
        let now = (Date().timeIntervalSince1970 / 3600).rounded(.down) * 3600
        try await store.write { db in
            try db.execute(sql: """
                INSERT INTO projects (id, name, credential_kind, public_key, sealed_private_key, state, created_at)
                VALUES ('p1', 'one', 'apiKey', 'pub', ?, 'ready', 0)
                """, arguments: [Data([0])])
            let insert = try db.cachedStatement(sql: """
                INSERT INTO namespace_samples (project_id, cluster, db, coll, at, count, size, storage_size,
                    free_storage_size, total_index_size, nindexes) VALUES ('p1', 'c', 'd', ?, ?, 1, 1, ?, 0, 0, 1)
                """)
            for i in 0..<(30 * 12) { try insert.execute(arguments: ["old", now - Double(i) * 300, Int64(i)]) }
            for i in 0..<(2 * 12) { try insert.execute(arguments: ["new", now - Double(i) * 300, Int64(i)]) }
        }
        return (ManagerStore(db: store), store, now)
    }

    func samples(_ store: Store, _ coll: String) async throws -> [Double] {
        try await store.read { db in
            try Double.fetchAll(db, sql: "SELECT at FROM namespace_samples WHERE coll = ? ORDER BY at", arguments: [coll])
        }
    }

    @Test func olderThanTheWindowKeepsTheFirstSampleOfEachHour() async throws {
        let (manager, store, now) = try await seeded()
        defer { try? FileManager.default.removeItem(at: URL(fileURLWithPath: store.path).deletingLastPathComponent()) }
        let boundary = now - 24 * 3600
        try await manager.thinSamples(from: Date(timeIntervalSince1970: now - 40 * 3600), to: Date(timeIntervalSince1970: boundary))
        let old = try await samples(store, "old")
        let thinned = old.filter { $0 < boundary }
        // 30 h of samples ending at `now`: the 6 hours before the boundary keep one sample each.
        #expect(thinned.count == 6)
        #expect(Set(thinned.map { ($0 / 3600).rounded(.down) }).count == 6)
        // The first sample of each hour stays (the oldest hour began before the data did).
        let wholeHours = thinned.dropFirst().filter { $0.truncatingRemainder(dividingBy: 3600) == 0 }
        #expect(wholeHours.count == 5)
        let inWindow = old.filter { $0 >= boundary }.count
        #expect(inWindow == 289, "inside the window every sample stays")
        #expect(try await samples(store, "new").count == 24)
        // Thinning again changes nothing.
        try await manager.thinSamples(from: Date(timeIntervalSince1970: now - 40 * 3600), to: Date(timeIntervalSince1970: boundary))
        #expect(try await samples(store, "old") == old)
    }
}
