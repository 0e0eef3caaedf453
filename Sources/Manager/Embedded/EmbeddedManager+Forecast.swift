import DashboardModel
import Foundation

extension EmbeddedManager {
    /// The project's clusters' "full in" forecasts, from the history just written (the newest sample included).
    func forecasts(projectID: String, disks: [DiskReading]) async throws -> [String: TimeInterval] {
        let trends = try await store.diskTrends(projectID: projectID)
        var out: [String: TimeInterval] = [:]
        for d in disks {
            if let s = DiskForecast.fullIn(freeNow: d.freeBytes, slope: trends[projectID + "/" + d.cluster]?.sums.slope) {
                out[d.cluster] = s
            }
        }
        return out
    }

    /// A cluster whose disk fills within the yellow or red limit: one crossing per level, so going from yellow to
    /// red tells again, and the notification step's de-duplication keeps each to once per crossing.
    static func fullInCrossings(project p: ProjectRow, fullIn: [String: TimeInterval], thresholds t: Thresholds) -> [ManagerStore.Crossing] {
        fullIn.sorted { $0.key < $1.key }.compactMap { cluster, seconds in
            let level = t.fullInLevel(seconds)
            guard level != .normal else { return nil }
            let name = level == .critical ? "red" : "yellow"
            let subject = "\(p.name)/\(cluster) full-in \(name)"
            let message = "\(p.name)/\(cluster) disk will be full in \(DiskForecast.format(seconds)) at the last 24 hours' rate."
            return .init(kind: "diskFullSoon", projectID: p.id, subject: subject, message: message)
        }
    }
}
