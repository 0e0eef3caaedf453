import DashboardModel
import Foundation
import TrotterSupport

/// Deterministic sample data for previews, tests and the benchmark: projects (one with a CJK name, one with
/// an emoji), clusters, `namespaceCount` namespaces spread over them, disks, and runs with event histories.
public enum PreviewData {
    /// The fixed clock of preview data: 2026-11-23 12:00:00 UTC.
    public static let epoch = Date(timeIntervalSince1970: 1_795_435_200)

    static let projectNames = ["analytics", "prod-eu", "staging", "分析-東京", "🚀 launch", "billing", "search",
                               "iot-ingest", "crm", "ml-features"]
    static let clusterNames = ["Cluster0", "shard-a", "reporting", "東京-1"]
    static let dbNames = ["orders", "users", "events", "inventory", "logs", "metrics", "カタログ"]
    static let collectionNames = ["items", "sessions", "audit", "daily", "archive", "profiles", "payments", "clicks"]

    public static func projectID(_ i: Int) -> String {
        let hex = String(i, radix: 16)
        return "6650a1b2c3d4e5f6" + String(repeating: "0", count: 8 - hex.count) + hex
    }

    /// A snapshot with `namespaceCount` namespaces (at least 1 per cluster when more than zero).
    public static func snapshot(namespaceCount: Int, projectCount: Int? = nil, now: Date = epoch,
                                seed: UInt64 = 42) -> DashboardSnapshot {
        var rng = SeededRandom(seed: seed)
        let pCount = projectCount ?? max(3, min(40, namespaceCount / 2_500))
        var projects: [ProjectSummary] = []
        var clusters: [(projectID: String, projectName: String, cluster: String)] = []
        for p in 0..<pCount {
            let name = p < projectNames.count ? projectNames[p] : "project-\(p)"
            let id = projectID(p)
            let clusterCount = 1 + p % 3
            for c in 0..<clusterCount { clusters.append((id, name, clusterNames[(p + c) % clusterNames.count])) }
            let state: ProjectState = p == 2 ? .onboarding : .ready
            projects.append(ProjectSummary(id: id, name: name, state: state, clusterCount: clusterCount,
                                           workerAppID: "app-\(p)", onboardingRunID: "run-onb-\(p)",
                                           lastSweep: now.addingTimeInterval(-Double(30 + p * 7)), lastError: nil))
        }
        var namespaces: [NamespaceStats] = []
        namespaces.reserveCapacity(namespaceCount)
        for i in 0..<namespaceCount {
            let c = clusters[i % clusters.count]
            let n = i / clusters.count
            let db = dbNames[n % dbNames.count]
            let coll = collectionNames[(n / dbNames.count) % collectionNames.count]
                + (n >= dbNames.count * collectionNames.count ? "_\(n / (dbNames.count * collectionNames.count))" : "")
            let count = Int64.random(in: 0...50_000_000, using: &rng)
            let size = count * Int64.random(in: 200...2_000, using: &rng)
            let storage = size / Int64.random(in: 2...4, using: &rng) + 4_096
            let free = Int64(Double(storage) * [0.01, 0.05, 0.1, 0.25, 0.6][Int.random(in: 0...4, using: &rng)])
            let growth: Double? = i % 7 == 0 ? nil : Double(Int64.random(in: -2_000_000...3_000_000_000, using: &rng))
            namespaces.append(NamespaceStats(projectID: c.projectID, projectName: c.projectName, cluster: c.cluster,
                                             db: db, collection: coll, count: count, size: size, storageSize: storage,
                                             freeStorageSize: free, totalIndexSize: storage / 5,
                                             nindexes: 1 + Int.random(in: 0...6, using: &rng), growthPerHour: growth,
                                             sampledAt: now))
        }
        var disks: [ClusterDisk] = []
        let byCluster = Dictionary(grouping: namespaces) { $0.projectID + "/" + $0.cluster }
        for (i, c) in clusters.enumerated() {
            let mine = byCluster[c.projectID + "/" + c.cluster] ?? []
            let used = mine.reduce(Int64(0)) { $0 + $1.storageSize + $1.totalIndexSize } + 2_000_000_000
            let total = [used * 10 / 9 + 1, used * 4 / 3, used * 3][i % 3]
            var disk = ClusterDisk(projectID: c.projectID, projectName: c.projectName, cluster: c.cluster,
                                   diskTotalBytes: total, diskUsedBytes: used, diskFreeBytes: total - used,
                                   reusableFreeBytes: mine.reduce(Int64(0)) { $0 + $1.freeStorageSize }, sampledAt: now)
            // A day of hourly free space: most disks fill (one fast, one slow), every fourth is steady.
            let perHour = [Int64(0), (total - used) / 40, (total - used) / 400, (total - used) / 2000][i % 4]
            disk.freeHistory = (0..<24).map { h in total - used + perHour * Int64(23 - h) + Int64((h * 7) % 5) * perHour / 4 }
            disk.fullInSeconds = perHour > 0 ? Double(total - used) / Double(perHour) * 3600 : nil
            disk.fullInLevel = Thresholds().fullInLevel(disk.fullInSeconds)
            disks.append(disk)
        }
        let runs = PreviewRuns.all(now: now).map(\.summary)
        return DashboardSnapshot(version: 1, projects: projects, namespaces: namespaces, clusters: disks, runs: runs,
                                 lastSweep: now.addingTimeInterval(-30), lastError: nil)
    }
}
