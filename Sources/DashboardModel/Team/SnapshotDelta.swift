import Orchestration

/// A remote dashboard's snapshot as a delta: after a run's event it needs the runs, not 300,000 namespaces again.
/// The tag `INSTANCE:COUNT` names the data a client has: the server's instance (counts restart with the process)
/// and the ``DataGenerations`` count its data was as of.
public enum SnapshotDelta {
    public static func tag(instance: String, _ data: DataGenerations) -> String { "\(instance):\(data.current)" }

    /// The server's answer to `since`: whole when the tag is absent or from another instance, else only the
    /// namespaces and clusters of projects that changed after it, and with `runsAfter` (the newest `lastSeq` of the
    /// runs the client holds) only the runs whose log moved after it: an organisation's 2,000 onboardings are not
    /// sent again with each run's event.
    ///
    /// `projectsAt` is the version of the snapshot the client holds and `projectsThen` that snapshot's projects, when
    /// the server still has them: the answer then carries only the projects that changed since (a run's event
    /// changes none, so the organisation's 2,000 summaries are not sent with it), as long as none was added,
    /// removed or moved; otherwise all of them.
    public static func answer(_ snapshot: DashboardSnapshot, eventID: Int64, instance: String, since: String?,
                              runsAfter: Int64? = nil, projectsAt: Int? = nil,
                              projectsThen: [ProjectSummary]? = nil) -> TeamWire.SnapshotAt {
        let tag = tag(instance: instance, snapshot.data)
        guard let since, let count = count(in: since, instance: instance), count <= snapshot.data.current else {
            return TeamWire.SnapshotAt(eventID: eventID, snapshot: snapshot, dataTag: tag)
        }
        // The same data count: the client keeps all its rows, and needs no list of the projects it keeps.
        let (changed, unchanged) = count == snapshot.data.current ? ([], []) : snapshot.data.split(since: count)
        var partial = snapshot
        partial.namespaces = changed.isEmpty ? [] : snapshot.namespaces.filter { changed.contains($0.projectID) }
        partial.clusters = changed.isEmpty ? [] : snapshot.clusters.filter { changed.contains($0.projectID) }
        // The log's seq is one order for every run (commits in seq order, on PostgreSQL too), so a client that holds
        // this instance's runs up to seq N lacks only runs that moved after N. A run without events yet (seq 0)
        // goes every time until it has one.
        if let runsAfter { partial.runs = snapshot.runs.filter { $0.lastSeq > runsAfter || $0.lastSeq == 0 } }
        var answer = TeamWire.SnapshotAt(eventID: eventID, snapshot: partial, dataTag: tag, unchanged: unchanged, runsAfter: runsAfter)
        if let projectsAt, let projectsThen, let moved = changedProjects(from: projectsThen, to: snapshot.projects) {
            answer.snapshot.projects = moved
            answer.projectsAt = projectsAt
        }
        return answer
    }

    /// The projects of `now` that differ from `then`; nil when the list itself changed (a project added, removed
    /// or moved), which the whole list then says.
    static func changedProjects(from then: [ProjectSummary], to now: [ProjectSummary]) -> [ProjectSummary]? {
        guard then.count == now.count else { return nil }
        var changed: [ProjectSummary] = []
        for (old, new) in zip(then, now) {
            guard old.id == new.id else { return nil }
            if old != new { changed.append(new) }
        }
        return changed
    }

    /// What a client sends as `runsAfter`: the newest seq among the runs it holds.
    public static func runsAfter(_ snapshot: DashboardSnapshot) -> Int64 { snapshot.runs.map(\.lastSeq).max() ?? 0 }

    /// The client's side: a whole answer as it is; a delta on top of `previous` (the projects it leaves unchanged
    /// keep their rows, the others' rows are replaced, appended as the embedded manager's onboarding refresh does).
    /// Nil when a delta comes without a previous snapshot to apply it to.
    /// `previousTag` is the tag `previous` came with: the same tag again means the same data, kept as it is.
    public static func apply(_ answer: TeamWire.SnapshotAt, to previous: DashboardSnapshot?, previousTag: String?) -> DashboardSnapshot? {
        guard let unchanged = answer.unchanged else { return answer.snapshot }
        guard let previous else { return nil }
        var s = answer.snapshot
        // A delta of the runs: those that moved replace theirs, new ones go first (as the manager merges them).
        if answer.runsAfter != nil { s.runs = RunSummary.merging(s.runs, into: previous.runs) }
        // A delta of the projects: the changed ones replace theirs, in place.
        if answer.projectsAt != nil {
            let changed = Dictionary(s.projects.map { ($0.id, $0) }, uniquingKeysWith: { $1 })
            s.projects = previous.projects.map { changed[$0.id] ?? $0 }
        }
        if answer.dataTag != nil, answer.dataTag == previousTag {
            s.namespaces = previous.namespaces
            s.clusters = previous.clusters
            return s
        }
        let keep = Set(unchanged)
        s.namespaces = previous.namespaces.filter { keep.contains($0.projectID) } + s.namespaces
        s.clusters = previous.clusters.filter { keep.contains($0.projectID) } + s.clusters
        return s
    }

    static func count(in tag: String, instance: String) -> Int? {
        guard let colon = tag.lastIndex(of: ":"), tag[..<colon] == instance else { return nil }
        return Int(tag[tag.index(after: colon)...])
    }
}
