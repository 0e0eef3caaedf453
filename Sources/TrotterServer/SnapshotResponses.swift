import DashboardModel
import Foundation

/// `GET /v1/snapshot` bodies, encoded once per (event, snapshot version, since) however many dashboards ask:
/// after a change all of them ask for the same thing at once, and an organisation's namespaces are tens of MB
/// of JSON. Requests for a body being encoded wait for that encoding.
actor SnapshotResponses {
    /// Names this process's data counts in tags (they restart with it, so a tag from before means nothing).
    let instance = UUID().uuidString
    private var bodies: [Key: Task<[UInt8], Never>] = [:]
    private var order: [Key] = []
    /// A few keys: the newest state asked for with the tags the dashboards hold (usually one or two).
    private let capacity = 8

    /// The projects of the snapshot versions answered lately, for `projectsAt` deltas (arrays share storage while
    /// the projects stay as they were).
    private var projectsByVersion: [Int: [ProjectSummary]] = [:]
    private var versions: [Int] = []
    private let versionCapacity = 32

    struct Key: Hashable { var eventID: Int64; var version: Int; var since: String?; var runsAfter: Int64?; var projectsAt: Int? }

    func body(eventID: Int64, snapshot: DashboardSnapshot, since: String?, runsAfter: Int64? = nil,
              projectsAt: Int? = nil) async -> [UInt8] {
        // A tag from another instance gets the whole snapshot: one key for all of them.
        let mine = instance
        let since = since.flatMap { $0.hasPrefix(mine + ":") ? $0 : nil }
        remember(snapshot)
        let projectsThen = since == nil ? nil : projectsAt.flatMap { projectsByVersion[$0] }
        let key = Key(eventID: eventID, version: snapshot.version, since: since, runsAfter: since == nil ? nil : runsAfter,
                      projectsAt: projectsThen == nil ? nil : projectsAt)
        if let task = bodies[key] { return await task.value }
        let task = Task.detached(priority: .userInitiated) {
            let answer = SnapshotDelta.answer(snapshot, eventID: eventID, instance: mine, since: since, runsAfter: key.runsAfter,
                                              projectsAt: key.projectsAt, projectsThen: projectsThen)
            return (try? TeamWire.encoder().encode(answer)).map(Array.init) ?? Array("{}".utf8)
        }
        bodies[key] = task
        order.append(key)
        if order.count > capacity { bodies.removeValue(forKey: order.removeFirst()) }
        return await task.value
    }

    private func remember(_ snapshot: DashboardSnapshot) {
        guard projectsByVersion[snapshot.version] == nil else { return }
        projectsByVersion[snapshot.version] = snapshot.projects
        versions.append(snapshot.version)
        if versions.count > versionCapacity { projectsByVersion.removeValue(forKey: versions.removeFirst()) }
    }
}
