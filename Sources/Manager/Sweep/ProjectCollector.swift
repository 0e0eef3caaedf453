import AtlasAPI
import DashboardModel
import Foundation
import TrotterSupport

/// Collects one project: pages through the worker's `globetrotterRead` over the App Services Admin API, and
/// reads each cluster's disk from the Atlas Administration API (primaries only, newest data point).
struct ProjectCollector: Sendable {
    let atlas: AtlasClient
    let apps: AppServicesClient
    /// Namespaces asked for per execute-function call: large pages keep calls few, small enough to stay
    /// far below App Services' response limits.
    var pageSize = 1000

    struct Result: Sendable {
        var collectedAt: Date?
        var namespaces: [(cluster: String, ns: WorkerReadResult.Namespace)]
        var disks: [DiskReading]
        /// Clusters the worker or Atlas could not read, with the reason; the rest of the project still counts.
        var clusterErrors: [String: String]
    }

    func collect(projectID: String, workerAppID: String, clusters: [String]) async throws -> Result {
        async let disks = readDisks(projectID: projectID, clusters: clusters)
        var namespaces: [(cluster: String, ns: WorkerReadResult.Namespace)] = []
        var errors: [String: String] = [:]
        var collectedAt: Date?
        var after: String?
        var pages = 0
        repeat {
            var arg: [String: JSONValue] = ["limit": .int(Int64(pageSize)), "since": .null]
            arg["after"] = after.map(JSONValue.string) ?? .null
            let page = try await apps.executeFunction(projectID: projectID, appID: workerAppID,
                                                      name: WorkerBlueprint.readFunction, arguments: [.object(arg)]) { p in
                try WorkerReadResult(reading: &p)
            }
            collectedAt = page.collectedAt ?? collectedAt
            for c in page.clusters {
                if let e = c.error { errors[c.clusterName] = e }
                namespaces.append(contentsOf: c.namespaces.map { (c.clusterName, $0) })
            }
            // A cursor that does not move would loop forever; stop and say so.
            if let next = page.next, next == after { throw ManagerError.workerPagingStuck(projectID: projectID) }
            after = page.next
            pages += 1
        } while after != nil && pages < 10_000
        let (diskReadings, diskErrors) = try await disks
        errors.merge(diskErrors) { a, _ in a }
        return Result(collectedAt: collectedAt, namespaces: namespaces, disks: diskReadings, clusterErrors: errors)
    }

    /// Disk of each cluster = its primaries' `data` partitions (summed over shards). The primaries are read
    /// at the same time, so a project's disks take three round trips (processes, partitions, measurements)
    /// whatever its number of clusters and shards.
    func readDisks(projectID: String, clusters: [String]) async throws -> ([DiskReading], [String: String]) {
        let processes = try await atlas.processes(projectID: projectID).map {
            ProcessClusterMap.Process(id: $0.id, hostname: $0.hostname, userAlias: $0.userAlias, typeName: $0.typeName)
        }
        let primaries = ProcessClusterMap.primaries(of: processes, clusters: clusters)
        let atlas = atlas
        let perCluster = try await withThrowingTaskGroup(of: (String, Double, Double).self) { group in
            for cluster in clusters {
                for p in primaries[cluster] ?? [] {
                    group.addTask { try await Self.readPrimary(atlas, projectID: projectID, cluster: cluster, processID: p.id) }
                }
            }
            var sums: [String: (free: Double, used: Double)] = [:]
            for try await (cluster, free, used) in group {
                sums[cluster, default: (0, 0)].free += free
                sums[cluster, default: (0, 0)].used += used
            }
            return sums
        }
        var readings: [DiskReading] = []
        var errors: [String: String] = [:]
        for cluster in clusters {
            guard let sum = perCluster[cluster] else {
                errors[cluster] = "no primary found among the project's processes"
                continue
            }
            readings.append(DiskReading(cluster: cluster, totalBytes: Int64(sum.free + sum.used),
                                        usedBytes: Int64(sum.used), freeBytes: Int64(sum.free)))
        }
        return (readings, errors)
    }

    /// One primary: its partitions, then each partition's newest free and used bytes.
    static func readPrimary(_ atlas: AtlasClient, projectID: String, cluster: String,
                            processID: String) async throws -> (String, Double, Double) {
        var free = 0.0, used = 0.0
        for partition in try await atlas.disks(projectID: projectID, processID: processID) {
            let m = try await atlas.diskMeasurements(projectID: projectID, processID: processID,
                                                     partition: partition.partitionName,
                                                     granularity: "PT1M", period: "PT10M",
                                                     metrics: ["DISK_PARTITION_SPACE_FREE", "DISK_PARTITION_SPACE_USED"])
            free += latest(m, "DISK_PARTITION_SPACE_FREE") ?? 0
            used += latest(m, "DISK_PARTITION_SPACE_USED") ?? 0
        }
        return (cluster, free, used)
    }

    /// The newest non-null data point of a measurement (Atlas sends `null` for gaps).
    static func latest(_ m: AtlasMeasurements, _ name: String) -> Double? {
        m.measurements.first { $0.name == name }?.dataPoints.last { $0.value != nil }?.value ?? nil
    }
}
