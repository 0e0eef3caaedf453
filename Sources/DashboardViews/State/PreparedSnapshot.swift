import DashboardModel

/// A snapshot made ready off the UI thread: the namespaces table (keys, search text, index, sort, filter) for the
/// settings the UI had, the top compact candidates and the header's totals. The UI thread only swaps it in.
public struct PreparedSnapshot: Sendable {
    public let snapshot: DashboardSnapshot
    /// Nil when the namespaces are the same as in the snapshot prepared before.
    let namespaces: TableModel<NamespaceStats>?
    let topCandidates: [String: [NamespaceStats]]
    let totals: OrgTotals

    /// - Parameters:
    ///   - previous: the snapshot prepared before this one (its rows are compared, off the UI thread).
    ///   - settings: the namespaces table's sort and filter on the UI when the snapshot arrived.
    public static func make(_ snap: DashboardSnapshot, previous: DashboardSnapshot?,
                            settings: TableModel<NamespaceStats>.Settings) -> PreparedSnapshot {
        let same = previous.map { $0.namespaces == snap.namespaces } ?? false
        return PreparedSnapshot(snapshot: snap,
                                namespaces: same ? nil : NamespacesView.makeTable().prepared(snap.namespaces, for: settings),
                                topCandidates: same ? [:] : AppState.candidates(snap.namespaces), totals: OrgTotals(snap))
    }
}

/// What a swap replaced: held until the UI loop hands it to another thread, so freeing 100,000 rows' keys and
/// index never costs the UI thread.
public struct Retired: Sendable {
    let snapshot: DashboardSnapshot
    let namespaces: TableModel<NamespaceStats>?
}

extension AppState {
    /// Swaps in a prepared snapshot: every table keeps its sort, filter and selected row.
    mutating func apply(_ p: PreparedSnapshot) {
        var replaced: TableModel<NamespaceStats>?
        if let table = p.namespaces {
            replaced = namespaces.adopt(table)
            topCandidates = p.topCandidates
        }
        retired.append(Retired(snapshot: snapshot, namespaces: replaced))
        snapshot = p.snapshot
        totals = p.totals
        clusters.setRows(p.snapshot.clusters)
        runs.setRows(p.snapshot.runs)
        projects.setRows(p.snapshot.projects)
    }

    /// What swaps replaced since the last call, for the loop to release elsewhere.
    public mutating func takeRetired() -> [Retired] {
        defer { retired = [] }
        return retired
    }
}
