import DashboardModel
import Foundation
import Orchestration
import Prometheus

/// The gauges of one scrape, read off a manager snapshot: a fresh registry each time, so a namespace that left
/// the top N, or a project that was removed, leaves no stale series behind.
enum SnapshotGauges {
    /// Names and help texts, in one place for the README and the tests.
    enum Name {
        static let clusterReusable = "trotter_cluster_reusable_bytes"
        static let clusterStorage = "trotter_cluster_storage_bytes"
        static let clusterDiskFree = "trotter_cluster_disk_free_bytes"
        static let projectReusable = "trotter_project_reusable_bytes"
        static let projectStorage = "trotter_project_storage_bytes"
        static let namespaceReusable = "trotter_namespace_reusable_bytes"
        static let namespaceStorage = "trotter_namespace_storage_bytes"
        static let namespaces = "trotter_namespaces"
        static let runs = "trotter_runs"
        static let lastSweepDuration = "trotter_last_sweep_duration_seconds"
        static let lastSweepTime = "trotter_last_sweep_timestamp_seconds"
    }

    static func registry(for snapshot: DashboardSnapshot, topNamespaces limit: Int) -> PrometheusCollectorRegistry {
        let r = PrometheusCollectorRegistry()
        storage(snapshot, into: r)
        namespaces(snapshot, limit: limit, into: r)
        runs(snapshot, into: r)
        return r
    }

    /// Reusable and storage bytes summed over each cluster's and each project's collections; disk free per cluster.
    private static func storage(_ s: DashboardSnapshot, into r: PrometheusCollectorRegistry) {
        let names = Dictionary(s.projects.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        var clusters: [ClusterKey: (reusable: Int64, storage: Int64)] = [:]
        for d in s.clusters { clusters[ClusterKey(project: d.projectID, cluster: d.cluster), default: (0, 0)] = (0, 0) }
        for n in s.namespaces {
            let key = ClusterKey(project: n.projectID, cluster: n.cluster)
            let sum = clusters[key, default: (0, 0)]
            clusters[key] = (sum.reusable + n.freeStorageSize, sum.storage + n.storageSize)
        }
        var projects: [String: (reusable: Int64, storage: Int64)] = [:]
        for p in s.projects where p.state != .removed { projects[p.id] = (0, 0) }
        for (key, sum) in clusters {
            let labels = [("project_id", key.project), ("project", names[key.project] ?? ""), ("cluster", key.cluster)]
            r.gauge(Name.clusterReusable, labels: labels, help: "Bytes WiredTiger could reuse (what compact could give back), summed over the cluster's collections.").set(Double(sum.reusable))
            r.gauge(Name.clusterStorage, labels: labels, help: "Bytes the cluster's collections hold on disk.").set(Double(sum.storage))
            let p = projects[key.project, default: (0, 0)]
            projects[key.project] = (p.reusable + sum.reusable, p.storage + sum.storage)
        }
        for (id, sum) in projects {
            let labels = [("project_id", id), ("project", names[id] ?? "")]
            r.gauge(Name.projectReusable, labels: labels, help: "Reusable bytes summed over the project's clusters.").set(Double(sum.reusable))
            r.gauge(Name.projectStorage, labels: labels, help: "Storage bytes summed over the project's clusters.").set(Double(sum.storage))
        }
        for d in s.clusters {
            r.gauge(Name.clusterDiskFree, labels: [("project_id", d.projectID), ("project", d.projectName), ("cluster", d.cluster)],
                        help: "Free bytes on the cluster primary's disk partition, from Atlas's measurements.").set(Double(d.diskFreeBytes))
        }
    }

    /// The `limit` namespaces with the most reusable bytes (ties by name, so scrapes agree): a bounded number of
    /// series however many collections the team watches. `trotter_namespaces` says how many there are in all.
    private static func namespaces(_ s: DashboardSnapshot, limit: Int, into r: PrometheusCollectorRegistry) {
        r.gauge(Name.namespaces, help: "Namespaces (collections) the manager knows; only the top N by reusable bytes get their own series.")
            .set(Double(s.namespaces.count))
        for n in topNamespaces(s.namespaces, limit: limit) {
            let labels = [("project_id", n.projectID), ("cluster", n.cluster), ("namespace", n.namespace)]
            r.gauge(Name.namespaceReusable, labels: labels, help: "Reusable bytes of one of the top N namespaces (--metrics-namespaces).").set(Double(n.freeStorageSize))
            r.gauge(Name.namespaceStorage, labels: labels, help: "Storage bytes of one of the top N namespaces (--metrics-namespaces).").set(Double(n.storageSize))
        }
    }

    static func topNamespaces(_ all: [NamespaceStats], limit: Int) -> [NamespaceStats] {
        guard limit > 0 else { return [] }
        return Array(all.sorted { a, b in
            if a.freeStorageSize != b.freeStorageSize { return a.freeStorageSize > b.freeStorageSize }
            return (a.projectID, a.cluster, a.namespace) < (b.projectID, b.cluster, b.namespace)
        }.prefix(limit))
    }

    /// Runs by machine and status (every status of a machine that has runs, zeros included, so a series drops to 0
    /// rather than vanishing), and the newest finished sweep's duration.
    private static func runs(_ s: DashboardSnapshot, into r: PrometheusCollectorRegistry) {
        var counts: [String: [String: Int]] = [:]
        for run in s.runs { counts[run.machine, default: [:]][run.status, default: 0] += 1 }
        for (machine, byStatus) in counts {
            for status in Set(RunStatus.allCases.map(\.rawValue)).union(byStatus.keys) {
                r.gauge(Name.runs, labels: [("machine", machine), ("status", status)], help: "Runs in the store by machine and status.")
                    .set(Double(byStatus[status] ?? 0))
            }
        }
        let sweeps = s.runs.filter { $0.machine == "sweep" && (RunStatus(rawValue: $0.status)?.isFinished ?? false) }
        if let last = sweeps.compactMap({ run in run.endedAt.map { (run, $0) } }).max(by: { $0.1 < $1.1 }), let started = last.0.startedAt {
            r.gauge(Name.lastSweepDuration, help: "Seconds the newest finished sweep run took, start to end.")
                .set(max(0, last.1.timeIntervalSince(started)))
        }
        if let at = s.lastSweep {
            r.gauge(Name.lastSweepTime, help: "Unix time of the newest sweep of any project.").set(at.timeIntervalSince1970)
        }
    }

    private struct ClusterKey: Hashable {
        let project: String
        let cluster: String
    }
}
