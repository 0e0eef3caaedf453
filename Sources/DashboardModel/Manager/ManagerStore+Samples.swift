import Foundation
import GRDB

extension ManagerStore {
    /// Stores one sweep of one project in a single transaction: a sample per namespace and per disk, the
    /// newest row per namespace with its growth over `growthWindow`, and drops namespaces that disappeared.
    func recordSweep(projectID: String, at: Date, namespaces: [(cluster: String, ns: WorkerReadResult.Namespace)],
                     disks: [DiskReading], growthWindow: TimeInterval = 24 * 3600) async throws {
        let t = at.timeIntervalSince1970
        try await db.write { db in
            // Oldest sample per namespace inside the window (SQLite returns the bare columns of the MIN row).
            var oldest: [String: (at: Double, storage: Int64)] = [:]
            let rows = try Row.fetchAll(db, sql: """
                SELECT cluster, db, coll, MIN(at) AS at, storage_size FROM namespace_samples
                WHERE project_id = ? AND at >= ? GROUP BY cluster, db, coll
                """, arguments: [projectID, t - growthWindow])
            for r in rows {
                oldest["\(r["cluster"] as String)\u{0}\(r["db"] as String)\u{0}\(r["coll"] as String)"] = (r["at"], r["storage_size"])
            }
            try db.execute(sql: "DELETE FROM namespaces_latest WHERE project_id = ?", arguments: [projectID])
            // A sweep that reads the same worker snapshot again (same collectedAt) replaces its samples.
            try db.execute(sql: "DELETE FROM namespace_samples WHERE project_id = ? AND at = ?", arguments: [projectID, t])
            try db.execute(sql: "DELETE FROM disk_samples WHERE project_id = ? AND at = ?", arguments: [projectID, t])
            let sample = try db.makeStatement(sql: """
                INSERT INTO namespace_samples (project_id, cluster, db, coll, at, count, size, storage_size,
                    free_storage_size, total_index_size, nindexes) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            let latest = try db.makeStatement(sql: """
                INSERT OR REPLACE INTO namespaces_latest (project_id, cluster, db, coll, type, at, count, size,
                    storage_size, free_storage_size, total_index_size, nindexes, growth_per_hour)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            for (cluster, n) in namespaces {
                try sample.execute(arguments: [projectID, cluster, n.db, n.collection, t, n.count, n.size,
                                               n.storageSize, n.freeStorageSize, n.totalIndexSize, n.nindexes])
                let growth = oldest["\(cluster)\u{0}\(n.db)\u{0}\(n.collection)"].flatMap {
                    Growth.perHour(from: (Date(timeIntervalSince1970: $0.at), $0.storage), to: (at, n.storageSize))
                }
                try latest.execute(arguments: [projectID, cluster, n.db, n.collection, n.type, t, n.count, n.size,
                                               n.storageSize, n.freeStorageSize, n.totalIndexSize, n.nindexes, growth])
            }
            for d in disks {
                try db.execute(sql: """
                    INSERT INTO disk_samples (project_id, cluster, at, total_bytes, used_bytes, free_bytes)
                    VALUES (?, ?, ?, ?, ?, ?)
                    """, arguments: [projectID, d.cluster, t, d.totalBytes, d.usedBytes, d.freeBytes])
            }
        }
    }

    /// The newest sample of every namespace of every project, with project names.
    func latestNamespaces() async throws -> [NamespaceStats] {
        try await db.read { db in
            let cursor = try Row.fetchCursor(db, sql: """
                SELECT l.*, p.name AS project_name FROM namespaces_latest l JOIN projects p ON p.id = l.project_id
                """)
            var out: [NamespaceStats] = []
            while let r = try cursor.next() {
                out.append(NamespaceStats(projectID: r["project_id"], projectName: r["project_name"], cluster: r["cluster"],
                                          db: r["db"], collection: r["coll"], count: r["count"], size: r["size"],
                                          storageSize: r["storage_size"], freeStorageSize: r["free_storage_size"],
                                          totalIndexSize: r["total_index_size"], nindexes: r["nindexes"],
                                          growthPerHour: r["growth_per_hour"], sampledAt: Date(timeIntervalSince1970: r["at"])))
            }
            return out
        }
    }

    /// Each cluster's newest disk sample, with the reusable free storage of its collections summed.
    func latestDisks() async throws -> [ClusterDisk] {
        try await db.read { db in
            try Row.fetchAll(db, sql: """
                SELECT d.project_id, p.name AS project_name, d.cluster, d.at, d.total_bytes, d.used_bytes, d.free_bytes,
                    COALESCE((SELECT SUM(free_storage_size) FROM namespaces_latest l
                              WHERE l.project_id = d.project_id AND l.cluster = d.cluster), 0) AS reusable
                FROM disk_samples d JOIN projects p ON p.id = d.project_id
                WHERE d.at = (SELECT MAX(at) FROM disk_samples x WHERE x.project_id = d.project_id AND x.cluster = d.cluster)
                ORDER BY p.name, d.cluster
                """).map { r in
                ClusterDisk(projectID: r["project_id"], projectName: r["project_name"], cluster: r["cluster"],
                            diskTotalBytes: r["total_bytes"], diskUsedBytes: r["used_bytes"], diskFreeBytes: r["free_bytes"],
                            reusableFreeBytes: r["reusable"], sampledAt: Date(timeIntervalSince1970: r["at"]))
            }
        }
    }

    func history(projectID: String, cluster: String, db dbName: String, collection: String) async throws -> [NamespaceSample] {
        try await db.read { db in
            try Row.fetchAll(db, sql: """
                SELECT at, count, size, storage_size, free_storage_size, total_index_size FROM namespace_samples
                WHERE project_id = ? AND cluster = ? AND db = ? AND coll = ? ORDER BY at
                """, arguments: [projectID, cluster, dbName, collection]).map { r in
                NamespaceSample(at: Date(timeIntervalSince1970: r["at"]), count: r["count"], size: r["size"],
                                storageSize: r["storage_size"], freeStorageSize: r["free_storage_size"],
                                totalIndexSize: r["total_index_size"])
            }
        }
    }

    /// Drops samples older than the retention limit; the newest rows stay whatever their age.
    func prune(olderThan cutoff: Date) async throws {
        try await db.write { db in
            try db.execute(sql: "DELETE FROM namespace_samples WHERE at < ?", arguments: [cutoff.timeIntervalSince1970])
            try db.execute(sql: "DELETE FROM disk_samples WHERE at < ? AND at < (SELECT MAX(at) FROM disk_samples x WHERE x.project_id = disk_samples.project_id AND x.cluster = disk_samples.cluster)",
                           arguments: [cutoff.timeIntervalSince1970])
        }
    }

    /// Records a notification unless the same kind and subject was raised within `quiet`; returns whether it is new.
    func raiseNotification(kind: String, projectID: String?, subject: String, message: String, at: Date,
                           quiet: TimeInterval = 6 * 3600) async throws -> Bool {
        try await db.write { db in
            let recent = try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM threshold_alerts WHERE kind = ? AND subject = ? AND at > ?)",
                                           arguments: [kind, subject, at.timeIntervalSince1970 - quiet]) ?? false
            if recent { return false }
            try db.execute(sql: "INSERT INTO threshold_alerts (at, project_id, kind, subject, message) VALUES (?, ?, ?, ?, ?)",
                           arguments: [at.timeIntervalSince1970, projectID, kind, subject, message])
            return true
        }
    }
}
