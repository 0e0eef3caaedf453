import AtlasAPI
import DashboardModel
import Foundation
import GRDB
import TrotterStore

extension ManagerStore {
    /// How far past the growth window a namespace's baseline may age before it is looked up again.
    static let baselineSlack: TimeInterval = 3600

    /// Stores one sweep of one project in a single transaction: a sample per namespace and per disk, the
    /// newest row per namespace with its growth, and drops namespaces that disappeared. `result`, when given,
    /// is recorded on the project in the same transaction (`setSweepResult`).
    ///
    /// Growth is the slope from the namespace's baseline, its oldest sample inside `growthWindow`, to this
    /// sample. The baseline lives on the latest row and is looked up in the history (one index seek) only when
    /// missing or more than `baselineSlack` past the window: with a sweep every 5 minutes, once an hour per
    /// namespace rather than every sweep. So growth spans 24 to 25 hours once the history is that long.
    func recordSweep(projectID: String, at: Date, namespaces: [(cluster: String, ns: WorkerReadResult.Namespace)],
                     disks: [DiskReading], growthWindow: TimeInterval = 24 * 3600,
                     result: (at: Date, error: String?)? = nil) async throws {
        let t = at.timeIntervalSince1970
        // Only this project's rows: on PostgreSQL the servers' sweeps write their projects side by side.
        try await db.write(scope: "project:\(projectID)") { db in
            var baselines: [String: (at: Double, storage: Int64)] = [:]
            var stale: [(cluster: String, db: String, coll: String)] = []
            let rows = try SQLRow.fetchCursor(db.cachedStatement(sql: """
                SELECT cluster, db, coll, base_at, base_storage FROM namespaces_latest WHERE project_id = ?
                """), arguments: [projectID])
            while let r = try rows.next() {
                if let baseAt: Double = r[3], let storage: Int64 = r[4], baseAt >= t - growthWindow - Self.baselineSlack, baseAt <= t {
                    baselines[Self.key(r[0], r[1], r[2])] = (baseAt, storage)
                } else {
                    stale.append((r[0], r[1], r[2]))
                }
            }
            let seek = try db.cachedStatement(sql: """
                SELECT at, storage_size FROM namespace_samples
                WHERE project_id = ? AND cluster = ? AND db = ? AND coll = ? AND at >= ? AND at < ? ORDER BY at LIMIT 1
                """)
            for n in stale {
                if let r = try SQLRow.fetchOne(seek, arguments: [projectID, n.cluster, n.db, n.coll, t - growthWindow, t]) {
                    baselines[Self.key(n.cluster, n.db, n.coll)] = (r[0], r[1])
                }
            }
            // A sweep that reads the same worker snapshot again (same collectedAt) replaces its samples.
            try db.cachedStatement(sql: "DELETE FROM namespace_samples WHERE project_id = ? AND at = ?").execute(arguments: [projectID, t])
            try db.cachedStatement(sql: "DELETE FROM disk_samples WHERE project_id = ? AND at = ?").execute(arguments: [projectID, t])
            // Such a re-read must also drop the rows it does not see again: unmark them, the upserts below mark.
            try db.cachedStatement(sql: "UPDATE namespaces_latest SET at = -1 WHERE project_id = ? AND at = ?").execute(arguments: [projectID, t])
            let sample = try RawInsert(db, sql: """
                INSERT INTO namespace_samples (project_id, cluster, db, coll, at, count, size, storage_size,
                    free_storage_size, total_index_size, nindexes) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)
                """)
            // Updated in place (the key's index is not touched); rows this sweep did not see are dropped below.
            let latest = try RawInsert(db, sql: """
                INSERT INTO namespaces_latest (project_id, cluster, db, coll, at, count, size, storage_size,
                    free_storage_size, total_index_size, nindexes, type, growth_per_hour, base_at, base_storage)
                VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)
                ON CONFLICT (project_id, cluster, db, coll) DO UPDATE SET at = excluded.at, count = excluded.count,
                    size = excluded.size, storage_size = excluded.storage_size, free_storage_size = excluded.free_storage_size,
                    total_index_size = excluded.total_index_size, nindexes = excluded.nindexes, type = excluded.type,
                    growth_per_hour = excluded.growth_per_hour, base_at = excluded.base_at, base_storage = excluded.base_storage
                """)
            // Parameters 1-11 are the same in both statements; bindings outlive each step, so the project once.
            func bindSample(_ s: RawInsert, _ cluster: String, _ n: WorkerReadResult.Namespace) {
                s.bind(2, cluster); s.bind(3, n.db); s.bind(4, n.collection); s.bind(5, t)
                s.bind(6, n.count); s.bind(7, n.size); s.bind(8, n.storageSize); s.bind(9, n.freeStorageSize)
                s.bind(10, n.totalIndexSize); s.bind(11, n.nindexes)
            }
            sample.bind(1, projectID)
            latest.bind(1, projectID)
            for (cluster, n) in namespaces {
                bindSample(sample, cluster, n)
                try sample.step()
                bindSample(latest, cluster, n)
                // A namespace seen for the first time is its own baseline.
                let base = baselines[Self.key(cluster, n.db, n.collection)] ?? (t, n.storageSize)
                let growth = Growth.perHour(from: (Date(timeIntervalSince1970: base.at), base.storage), to: (at, n.storageSize))
                latest.bind(12, n.type)
                latest.bind(13, growth)
                latest.bind(14, base.at)
                latest.bind(15, base.storage)
                try latest.step()
            }
            try sample.flush()
            try latest.flush()
            // Namespaces gone since the last sweep (dropped collections, or a cluster that could not be read).
            try db.cachedStatement(sql: "DELETE FROM namespaces_latest WHERE project_id = ? AND at <> ?").execute(arguments: [projectID, t])
            let disk = try db.cachedStatement(sql: """
                INSERT INTO disk_samples (project_id, cluster, at, total_bytes, used_bytes, free_bytes)
                VALUES (?, ?, ?, ?, ?, ?)
                """)
            for d in disks {
                try disk.execute(arguments: [projectID, d.cluster, t, d.totalBytes, d.usedBytes, d.freeBytes])
            }
            if let result { try Self.setSweepResult(projectID, at: result.at, error: result.error, db) }
        }
    }

    private static func key(_ cluster: String, _ db: String, _ coll: String) -> String {
        "\(cluster)\u{0}\(db)\u{0}\(coll)"
    }

    /// The newest sample of every namespace of every project (or of one), with project names.
    func latestNamespaces(projectID: String? = nil) async throws -> [NamespaceStats] {
        try await db.read { db in
            // Columns by position: a name lookup hashes the name per column per row, which dominated this read.
            let cursor = try SQLRow.fetchCursor(db, sql: """
                SELECT l.project_id, p.name, l.cluster, l.db, l.coll, l.count, l.size, l.storage_size,
                    l.free_storage_size, l.total_index_size, l.nindexes, l.growth_per_hour, l.at
                FROM namespaces_latest l JOIN projects p ON p.id = l.project_id
                """ + (projectID == nil ? "" : " WHERE l.project_id = ?"), arguments: projectID.map { [$0] } ?? [])
            var out: [NamespaceStats] = []
            while let r = try cursor.next() {
                out.append(NamespaceStats(projectID: r[0], projectName: r[1], cluster: r[2], db: r[3], collection: r[4],
                                          count: r[5], size: r[6], storageSize: r[7], freeStorageSize: r[8],
                                          totalIndexSize: r[9], nindexes: r[10], growthPerHour: r[11],
                                          sampledAt: Date(timeIntervalSince1970: r[12])))
            }
            return out
        }
    }

    /// Each cluster's newest disk sample, with the reusable free storage of its collections summed.
    /// Each cluster's newest disk reading, with its "full in" forecast and free-space series.
    func latestDisks() async throws -> [ClusterDisk] {
        let trends = try await diskTrends()
        return try await latestDiskReadings().map { d in
            var d = d
            if let trend = trends[d.projectID + "/" + d.cluster] {
                d.fullInSeconds = DiskForecast.fullIn(freeNow: d.diskFreeBytes, slope: trend.sums.slope)
                d.freeHistory = trend.series
            }
            return d
        }
    }

    private func latestDiskReadings() async throws -> [ClusterDisk] {
        try await db.read { db in
            try SQLRow.fetchAll(db, sql: """
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
            try SQLRow.fetchAll(db, sql: """
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
    /// Thins namespace samples in `[from, to)` to the first of each namespace per hour, so history beyond the
    /// full-resolution window grows by one row per namespace per hour, not one per sweep (a sweep every 5 minutes
    /// of 60,000 namespaces would otherwise add 17 million rows a day). Both ends are whole hours; thinning an
    /// hour twice changes nothing.
    func thinSamples(from: Date, to: Date) async throws {
        try await db.write { db in
            if db.dialect == .postgres {
                // The same rows kept: DISTINCT ON takes each namespace-hour's first sample, ctid names the row.
                try db.execute(sql: """
                    DELETE FROM namespace_samples WHERE at >= ?1 AND at < ?2 AND ctid NOT IN (
                        SELECT DISTINCT ON (project_id, cluster, db, coll, TRUNC(at / 3600)) ctid FROM namespace_samples
                        WHERE at >= ?1 AND at < ?2 ORDER BY project_id, cluster, db, coll, TRUNC(at / 3600), at)
                    """, arguments: [from.timeIntervalSince1970, to.timeIntervalSince1970])
                return
            }
            try db.execute(sql: """
                DELETE FROM namespace_samples WHERE at >= ?1 AND at < ?2 AND rowid NOT IN (
                    SELECT keep FROM (
                        -- SQLite takes a bare column from the row that holds the MIN: the hour's first sample.
                        SELECT rowid AS keep, MIN(at) FROM namespace_samples WHERE at >= ?1 AND at < ?2
                        GROUP BY project_id, cluster, db, coll, CAST(at / 3600 AS INTEGER)))
                """, arguments: [from.timeIntervalSince1970, to.timeIntervalSince1970])
        }
    }

    func prune(olderThan cutoff: Date) async throws {
        try await db.write { db in
            try db.execute(sql: "DELETE FROM namespace_samples WHERE at < ?", arguments: [cutoff.timeIntervalSince1970])
            try db.execute(sql: "DELETE FROM disk_samples WHERE at < ? AND at < (SELECT MAX(at) FROM disk_samples x WHERE x.project_id = disk_samples.project_id AND x.cluster = disk_samples.cluster)",
                           arguments: [cutoff.timeIntervalSince1970])
        }
    }

    /// A threshold crossing to tell people about.
    struct Crossing: Sendable {
        var kind: String
        var projectID: String?
        var subject: String
        var message: String
    }

    /// Raised crossings, oldest first.
    func thresholdAlerts() async throws -> [Crossing] {
        try await db.read { db in
            try SQLRow.fetchAll(db, sql: "SELECT kind, project_id, subject, message FROM threshold_alerts ORDER BY at, id").map {
                Crossing(kind: $0[0], projectID: $0[1], subject: $0[2], message: $0[3])
            }
        }
    }

    /// Keeps what one project's job of sweep `runID` found, replacing what an earlier attempt of it found.
    func recordSweepCrossings(_ crossings: [Crossing], runID: String, projectID: String) async throws {
        try await db.write { db in
            try db.execute(sql: "DELETE FROM sweep_crossings WHERE run_id = ? AND project_id = ?", arguments: [runID, projectID])
            let insert = try db.cachedStatement(sql: "INSERT INTO sweep_crossings (run_id, project_id, kind, subject, message) VALUES (?, ?, ?, ?, ?)")
            for c in crossings { try insert.execute(arguments: [runID, projectID, c.kind, c.subject, c.message]) }
        }
    }

    /// Raises what the jobs of sweep `runID` found (those not raised within `quiet` before: same kind and subject)
    /// and forgets it, in one transaction. - Returns: the crossings raised.
    func raiseSweepCrossings(runID: String, at: Date, quiet: TimeInterval = 6 * 3600) async throws -> [Crossing] {
        try await db.write { db in
            let found = try SQLRow.fetchAll(db, sql: "SELECT kind, project_id, subject, message FROM sweep_crossings WHERE run_id = ? ORDER BY rowid",
                                         arguments: [runID]).map { Crossing(kind: $0[0], projectID: $0[1], subject: $0[2], message: $0[3]) }
            try db.execute(sql: "DELETE FROM sweep_crossings WHERE run_id = ?", arguments: [runID])
            return try Self.raise(found, at: at, quiet: quiet, db)
        }
    }

    /// Records the crossings not already raised (same kind and subject) within `quiet`; returns the new ones.
    private static func raise(_ crossings: [Crossing], at: Date, quiet: TimeInterval, _ db: SQLDatabase) throws -> [Crossing] {
        let recent = try db.cachedStatement(sql: "SELECT EXISTS (SELECT 1 FROM threshold_alerts WHERE kind = ? AND subject = ? AND at > ?)")
        let insert = try db.cachedStatement(sql: "INSERT INTO threshold_alerts (at, project_id, kind, subject, message) VALUES (?, ?, ?, ?, ?)")
        var raised: [Crossing] = []
        for c in crossings {
            if try Bool.fetchOne(recent, arguments: [c.kind, c.subject, at.timeIntervalSince1970 - quiet]) ?? false { continue }
            try insert.execute(arguments: [at.timeIntervalSince1970, c.projectID, c.kind, c.subject, c.message])
            raised.append(c)
        }
        return raised
    }
}
