import Foundation
import GRDB
import Testing
@testable import AtlasAPI
@testable import DashboardModel
@testable import Manager
@testable import TrotterStore

/// "Full in" on synthetic disk histories with known slopes, in Swift and through the store's SQL.
@Suite struct DiskForecastTests {
    let t0 = Date(timeIntervalSince1970: 1_795_400_000)

    /// A sample every 5 minutes for `hours`, free space changing by `perHour` bytes (negative: filling).
    func history(free: Int64, perHour: Double, hours: Double = 24, every: TimeInterval = 300) -> [(at: Date, free: Int64)] {
        stride(from: -hours * 3600, through: 0, by: every).map { t in (t0.addingTimeInterval(t), free + Int64(perHour * t / 3600)) }
    }

    @Test func aFillingDiskIsFullWhenTheLineReachesZero() throws {
        // 1 GiB an hour off 240 GiB free: 240 hours = 10 days.
        let gib = Double(1 << 30)
        let fullIn = try #require(DiskForecast.fullIn(history(free: 240 << 30, perHour: -gib)))
        #expect(abs(fullIn - 240 * 3600) < 1)
        #expect(DiskForecast.format(fullIn) == "10.0 d")
        #expect(Thresholds().fullInLevel(fullIn) == .warning)
        let fast = try #require(DiskForecast.fullIn(history(free: 10 << 30, perHour: -gib)))
        #expect(abs(fast - 10 * 3600) < 1 && Thresholds().fullInLevel(fast) == .critical)
    }

    @Test func aDiskThatIsNotFillingHasNoForecast() {
        #expect(DiskForecast.fullIn(history(free: 1 << 40, perHour: 5e8)) == nil, "free space growing: data was deleted")
        #expect(DiskForecast.fullIn(history(free: 1 << 40, perHour: 0)) == nil, "flat")
        #expect(DiskForecast.format(nil) == "—")
        #expect(Thresholds().fullInLevel(nil) == .normal)
    }

    @Test func oneOrTwoSamplesSayNothing() {
        #expect(DiskForecast.fullIn([(t0, 100)]) == nil)
        #expect(DiskForecast.fullIn([(t0, 100), (t0.addingTimeInterval(300), 90)]) == nil)
        #expect(DiskForecast.fullIn([(t0, 100), (t0, 90), (t0, 80)]) == nil, "no time between them: no slope")
        #expect(DiskForecast.fullIn([]) == nil)
    }

    @Test func onlyTheLast24HoursCount() throws {
        // Steady for a week, then filling at 100 MB an hour for the last day: the old flat part is left out.
        let old = history(free: 50_000_000_000, perHour: 0, hours: 7 * 24).filter { $0.at < t0.addingTimeInterval(-25 * 3600) }
        let recent = history(free: 50_000_000_000, perHour: -100_000_000)
        let fullIn = try #require(DiskForecast.fullIn(old + recent))
        #expect(abs(fullIn - 500 * 3600) < 1)
    }

    @Test func theStoresSumsGiveTheSameSlopeAndASeries() async throws {
        let store = try await TestStore.temporary().store
        defer { try? FileManager.default.removeItem(at: URL(fileURLWithPath: store.path).deletingLastPathComponent()) }
        try await store.write { db in
            try db.execute(sql: """
                INSERT INTO projects (id, name, credential_kind, public_key, sealed_private_key, state, created_at)
                VALUES ('p1', 'one', 'apiKey', 'pub', ?, 'ready', 0)
                """, arguments: [Data([0])])
        }
        let m = ManagerStore(db: store)
        let filling = history(free: 400_000_000_000, perHour: -2_000_000_000, hours: 30, every: 3600)
        let growing = history(free: 400_000_000_000, perHour: 1_000_000_000, hours: 30, every: 3600)
        for (a, b) in zip(filling, growing) {
            try await m.recordSweep(projectID: "p1", at: a.at, namespaces: [], disks: [
                DiskReading(cluster: "fills", totalBytes: 1 << 40, usedBytes: (1 << 40) - a.free, freeBytes: a.free),
                DiskReading(cluster: "grows", totalBytes: 1 << 40, usedBytes: (1 << 40) - b.free, freeBytes: b.free),
            ])
        }
        let disks = Dictionary(uniqueKeysWithValues: try await m.latestDisks().map { ($0.cluster, $0) })
        let fills = try #require(disks["fills"]), grows = try #require(disks["grows"])
        #expect(abs(try #require(fills.fullInSeconds) - 200 * 3600) < 1)
        #expect(grows.fullInSeconds == nil)
        // The last 24 hours (25 hourly samples) in 24 buckets, oldest first: falling for one, rising for the other.
        #expect(fills.freeHistory.count == 24 && grows.freeHistory.count == 24)
        #expect(fills.freeHistory == fills.freeHistory.sorted(by: >) && grows.freeHistory == grows.freeHistory.sorted())
        #expect(fills.freeHistory.last == filling.last?.free)
        // One sample: no forecast, a one-point series.
        try await m.recordSweep(projectID: "p1", at: t0, namespaces: [], disks: [DiskReading(cluster: "new", totalBytes: 10, usedBytes: 5, freeBytes: 5)])
        let fresh = try #require(try await m.latestDisks().first { $0.cluster == "new" })
        #expect(fresh.fullInSeconds == nil && fresh.freeHistory == [5])
    }

    @Test func crossingsAreRaisedPerLevel() {
        let p = ProjectRow(id: "p", name: "shop", orgID: nil, credentialKind: "apiKey", publicKey: "k", sealedPrivateKey: Data(),
                           state: .ready, clusterCount: 2, workerAppID: nil, onboardingRunID: nil, lastSweep: nil, lastError: nil,
                           createdAt: Date())
        let c = EmbeddedManager.fullInCrossings(project: p, fullIn: ["a": 2 * 86_400, "b": 10 * 86_400, "c": 30 * 86_400],
                                                thresholds: Thresholds())
        #expect(c.map(\.subject) == ["shop/a full-in red", "shop/b full-in yellow"])
        #expect(c.allSatisfy { $0.kind == "diskFullSoon" })
        #expect(c[0].message.contains("2.0 d"))
        var strict = Thresholds()
        strict.fullInCriticalSeconds = 60 * 86_400
        #expect(EmbeddedManager.fullInCrossings(project: p, fullIn: ["c": 30 * 86_400], thresholds: strict).map(\.subject) == ["shop/c full-in red"])
    }
}

@Suite struct ForecastLimitsTests {
    @Test func limitsComeFromTheEnvironmentInDaysAndBadValuesAreRefused() throws {
        var s = ManagerSettings(home: URL(fileURLWithPath: "/tmp"), endpoints: AtlasEndpoints(atlasBaseURL: "http://127.0.0.1:1"))
        try s.applyForecastLimits(environment: [:])
        #expect(s.thresholds.fullInWarningSeconds == 14 * 86_400 && s.thresholds.fullInCriticalSeconds == 3 * 86_400)
        try s.applyForecastLimits(environment: ["TROTTER_FULL_IN_WARN_DAYS": "30", "TROTTER_FULL_IN_RED_DAYS": "7.5"])
        #expect(s.thresholds.fullInWarningSeconds == 30 * 86_400 && s.thresholds.fullInCriticalSeconds == 7.5 * 86_400)
        for bad in ["-1", "zero", "0", "inf"] {
            #expect(throws: ManagerError.invalidSetting(name: "TROTTER_FULL_IN_RED_DAYS", example: "3")) {
                try s.applyForecastLimits(environment: ["TROTTER_FULL_IN_RED_DAYS": bad])
            }
        }
    }
}
