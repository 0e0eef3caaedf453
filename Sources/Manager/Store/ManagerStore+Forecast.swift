import DashboardModel
import Foundation
import GRDB
import TrotterStore

/// Each cluster's disk history over the forecast window, summed in SQL (one pass over the samples' index,
/// however many sweeps the window holds): the least-squares sums and an hourly-or-finer free-space series.
extension ManagerStore {
    struct DiskTrend: Sendable, Hashable {
        var sums = DiskForecast.Sums()
        var series: [Int64] = []
    }

    /// Cluster key "projectID/cluster" → its trend; `projectID` limits it to one project (a sweep's job).
    func diskTrends(projectID: String? = nil, window: TimeInterval = DiskForecast.window, points: Int = 24) async throws -> [String: DiskTrend] {
        try await db.read { db in
            let only = projectID == nil ? "" : "WHERE project_id = ?"
            var args: [any DatabaseValueConvertible] = projectID.map { [$0] } ?? []
            args.append(window)
            let recent = """
                WITH m AS (SELECT project_id, cluster, MAX(at) AS newest FROM disk_samples \(only) GROUP BY project_id, cluster),
                w AS (SELECT d.project_id, d.cluster, d.at - m.newest AS t, d.free_bytes AS f
                      FROM disk_samples d JOIN m ON m.project_id = d.project_id AND m.cluster = d.cluster
                      WHERE d.at >= m.newest - ?)
                """
            var out: [String: DiskTrend] = [:]
            for r in try SQLRow.fetchAll(db, sql: recent + """
                SELECT project_id, cluster, COUNT(*) AS n, SUM(t) AS st, SUM(f) AS sf, SUM(t * t) AS stt, SUM(t * f) AS stf
                FROM w GROUP BY project_id, cluster
                """, arguments: SQLArguments(args)) {
                var s = DiskForecast.Sums()
                s.n = r["n"]; s.t = r["st"]; s.f = r["sf"]; s.tt = r["stt"]; s.tf = r["stf"]
                out[(r["project_id"] as String) + "/" + (r["cluster"] as String), default: DiskTrend()].sums = s
            }
            // The series: the window's span cut into `points` buckets, each the mean free space of its samples.
            // Buckets and means cut toward zero as SQLite's CAST does (PostgreSQL's CAST rounds; its MAX takes one
            // argument, GREATEST two).
            let (larger, whole) = db.dialect == .sqlite ? ("MAX", "") : ("GREATEST", "TRUNC")
            for r in try SQLRow.fetchAll(db, sql: recent + """
                , s AS (SELECT project_id, cluster, MIN(t) AS t0 FROM w GROUP BY project_id, cluster)
                SELECT w.project_id, w.cluster,
                    CAST(\(whole)((w.t - s.t0) * \(points - 1) / \(larger)(-s.t0, 1e-9)) AS INTEGER) AS bucket,
                    CAST(\(whole)(AVG(w.f)) AS INTEGER) AS f
                FROM w JOIN s ON s.project_id = w.project_id AND s.cluster = w.cluster
                GROUP BY w.project_id, w.cluster, bucket ORDER BY w.project_id, w.cluster, bucket
                """, arguments: SQLArguments(args)) {
                out[(r["project_id"] as String) + "/" + (r["cluster"] as String), default: DiskTrend()].series.append(r["f"])
            }
            return out
        }
    }
}
