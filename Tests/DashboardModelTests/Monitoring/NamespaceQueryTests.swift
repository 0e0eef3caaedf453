import Foundation
import Testing
@testable import DashboardModel
@testable import Manager

func ns(_ project: String, _ cluster: String, _ db: String, _ coll: String, storage: Int64 = 100, free: Int64 = 0,
        count: Int64 = 1, growth: Double? = nil) -> NamespaceStats {
    NamespaceStats(projectID: "id-\(project)", projectName: project, cluster: cluster, db: db, collection: coll, count: count,
                   size: storage, storageSize: storage, freeStorageSize: free, totalIndexSize: 10, nindexes: 1,
                   growthPerHour: growth, sampledAt: Date(timeIntervalSince1970: 0))
}

@Suite struct NamespaceQueryTests {
    let rows = [
        ns("alpha", "Cluster0", "shop", "orders", storage: 500, free: 300, growth: 10),
        ns("alpha", "Cluster1", "shop", "users", storage: 200, free: 10, growth: nil),
        ns("beta", "Prod", "logs", "events", storage: 900, free: 90, growth: -5),
    ]

    @Test func sortsByFreeStorageLargestFirstByDefault() {
        #expect(NamespaceQuery().apply(to: rows).map(\.collection) == ["orders", "events", "users"])
    }

    @Test func sortsByNameAscendingAndReverses() {
        #expect(NamespaceQuery(sort: .namespace).apply(to: rows).map(\.namespace) == ["logs.events", "shop.orders", "shop.users"])
        #expect(NamespaceQuery(sort: .namespace, descending: true).apply(to: rows).map(\.namespace) == ["shop.users", "shop.orders", "logs.events"])
    }

    @Test func unknownGrowthSortsLast() {
        #expect(NamespaceQuery(sort: .growthPerHour).apply(to: rows).map(\.collection) == ["orders", "events", "users"])
    }

    @Test func filtersOnProjectClusterDatabaseAndCollectionCaseInsensitively() {
        #expect(NamespaceQuery(filter: "BETA").apply(to: rows).count == 1)
        #expect(NamespaceQuery(filter: "cluster").apply(to: rows).count == 2)
        #expect(NamespaceQuery(filter: "shop.us").apply(to: rows).map(\.collection) == ["users"])
        #expect(NamespaceQuery(filter: "!shop").apply(to: rows).map(\.collection) == ["events"])
    }

    @Test func pagesWithOffsetAndLimit() {
        #expect(NamespaceQuery(offset: 1, limit: 1).apply(to: rows).map(\.collection) == ["events"])
        #expect(NamespaceQuery(offset: 5, limit: 1).apply(to: rows).isEmpty)
    }

    @Test func columnArgumentsAcceptJSONFieldNames() {
        #expect(NamespaceColumn(argument: "freeStorageSize") == .freeStorageSize)
        #expect(NamespaceColumn(argument: "growth") == .growthPerHour)
        #expect(NamespaceColumn(argument: "nonsense") == nil)
    }
}

@Suite struct FreeSpaceTests {
    @Test func rollsUpAndFindsCompactCandidates() {
        let gib: Int64 = 1 << 30
        let rows = [
            ns("alpha", "C0", "a", "big", storage: 10 * gib, free: 4 * gib),     // 40% and 4 GiB: candidate
            ns("alpha", "C0", "a", "small", storage: gib / 2, free: gib / 4),    // 50% but under 1 GiB
            ns("beta", "C1", "b", "mid", storage: 10 * gib, free: 2 * gib),      // 20%: not a candidate
        ]
        let r = FreeSpaceRollup(namespaces: rows)
        #expect(r.organisation.freeStorageSize == 4 * gib + gib / 4 + 2 * gib)
        #expect(r.organisation.compactCandidates == 1)
        #expect(r.topCandidates.map(\.collection) == ["big"])
        #expect(r.projects.map(\.key) == ["alpha", "beta"])
        #expect(r.clusters.first?.key == "alpha/C0")
        #expect(Thresholds().level(of: rows[2]) == .warning)
        #expect(Thresholds().level(of: rows[0]) == .critical)
    }

    @Test func diskLevels() {
        func disk(free: Int64, total: Int64) -> ClusterDisk {
            ClusterDisk(projectID: "p", projectName: "p", cluster: "c", diskTotalBytes: total, diskUsedBytes: total - free,
                        diskFreeBytes: free, reusableFreeBytes: 0, sampledAt: Date())
        }
        #expect(Thresholds().level(of: disk(free: 10, total: 100)) == .critical)
        #expect(Thresholds().level(of: disk(free: 25, total: 100)) == .warning)
        #expect(Thresholds().level(of: disk(free: 50, total: 100)) == .normal)
    }

    @Test func growthIsTheSlopeOverTheWindow() {
        let t0 = Date(timeIntervalSince1970: 1_000_000)
        func s(_ minutes: Double, _ storage: Int64) -> NamespaceSample {
            NamespaceSample(at: t0.addingTimeInterval(minutes * 60), count: 0, size: 0, storageSize: storage, freeStorageSize: 0, totalIndexSize: 0)
        }
        #expect(Growth.perHour([s(0, 1000), s(30, 1200), s(60, 2000)]) == 1000)
        #expect(Growth.perHour([s(0, 1000)]) == nil)
        #expect(Growth.perHour([s(0, 1000), s(0.5, 5000)]) == nil) // too close together to say
        #expect(Growth.perHour([s(0, 0), s(60 * 30, 999_999), s(60 * 30 + 60, 1_000_059)], window: 3600) == 60)
    }

    @Test func bytesReadWell() {
        #expect(ByteText.format(0) == "0 B")
        #expect(ByteText.format(1536) == "1.50 KiB")
        #expect(ByteText.format(5 << 30) == "5.00 GiB")
        #expect(ByteText.format(150 << 20) == "150 MiB")
        #expect(ByteText.rate(nil) == "—")
        #expect(ByteText.rate(2048) == "+2.00 KiB/h")
    }
}

@Suite struct ProcessClusterMapTests {
    @Test func mapsPrimariesToClustersByHostName() {
        let p = [
            ProcessClusterMap.Process(id: "cluster0-shard-00-00.ab.mongodb.net:27017", hostname: "cluster0-shard-00-00.ab.mongodb.net", userAlias: nil, typeName: "REPLICA_PRIMARY"),
            ProcessClusterMap.Process(id: "cluster0-shard-00-01.ab.mongodb.net:27017", hostname: "cluster0-shard-00-01.ab.mongodb.net", userAlias: nil, typeName: "REPLICA_SECONDARY"),
            ProcessClusterMap.Process(id: "prod-eu-2-shard-00-00.ab.mongodb.net:27017", hostname: "prod-eu-2-shard-00-00.ab.mongodb.net", userAlias: nil, typeName: "REPLICA_PRIMARY"),
            ProcessClusterMap.Process(id: "prod-eu-shard-00-02.ab.mongodb.net:27017", hostname: "x", userAlias: "prod-eu-shard-00-02.ab.mongodb.net", typeName: "REPLICA_PRIMARY"),
        ]
        let m = ProcessClusterMap.primaries(of: p, clusters: ["Cluster0", "prod-eu", "prod-eu-2"])
        #expect(m["Cluster0"]?.map(\.id) == [p[0].id])
        #expect(m["prod-eu-2"]?.map(\.id) == [p[2].id])
        #expect(m["prod-eu"]?.map(\.id) == [p[3].id])
    }
}
