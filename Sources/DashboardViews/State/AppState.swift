import DashboardModel
import Foundation
import Orchestration

/// The whole presentation state of the dashboard. Only the update function changes it; views read it.
public struct AppState: Sendable {
    public var snapshot: DashboardSnapshot = .empty
    public var pane: Pane = .namespaces
    public var namespaces = NamespacesView.makeTable()
    public var clusters = FreeSpaceView.makeTable()
    public var runs = RunsView.makeTable()
    public var projects = ProjectsView.makeTable()
    /// The filter of the current pane has keyboard focus: printable keys are text.
    public var filterEditing = false
    public var overlay: Overlay?
    /// First line of the help overlay shown (it scrolls on short terminals).
    public var helpScroll = 0
    public var inspector: InspectorState?
    public var history: HistoryState?
    public var status: StatusMessage?
    public var width: Int
    public var height: Int
    public var now: Date
    public var theme: Theme
    /// Per cluster (`projectID/cluster`), its namespaces with the most reusable free storage.
    public var topCandidates: [String: [NamespaceStats]] = [:]
    /// Per cluster, its namespaces growing fastest (for the disk forecast beside it).
    public var topGrowth: [String: [NamespaceStats]] = [:]
    /// Organisation totals for the header, summed once per snapshot rather than per frame.
    public var totals = OrgTotals()
    /// What swapped-in snapshots replaced (see ``takeRetired()``).
    var retired: [Retired] = []

    public init(width: Int = 80, height: Int = 24, now: Date = Date(), theme: Theme = .standard) {
        self.width = width; self.height = height; self.now = now; self.theme = theme
        layoutTables()
    }

    /// The screen is at least the 80×24 the layout needs.
    public static let minimumWidth = 80
    public static let minimumHeight = 24
    public var isTooSmall: Bool { width < Self.minimumWidth || height < Self.minimumHeight }

    /// Body rows of a table pane: the screen minus header, tabs, column header, status and footer.
    public var tableBodyHeight: Int {
        switch pane {
        case .freeSpace: return max(1, (height - 5) - FreeSpaceView.candidateRows(height: height) - 1)
        default: return max(1, height - 5)
        }
    }

    /// Tells every table how many rows it shows, so paging matches the screen.
    mutating func layoutTables() {
        let body = max(1, height - 5)
        namespaces.setPageHeight(body)
        runs.setPageHeight(body)
        projects.setPageHeight(body)
        clusters.setPageHeight(max(1, body - FreeSpaceView.candidateRows(height: height) - 1))
    }

    /// Takes a new snapshot: every table keeps its sort, filter and selected row.
    mutating func apply(_ s: DashboardSnapshot) {
        snapshot = s
        if namespaces.setRows(s.namespaces) {
            topCandidates = Self.candidates(s.namespaces)
            topGrowth = Self.growing(s.namespaces)
        }
        totals = OrgTotals(s)
        clusters.setRows(s.clusters)
        runs.setRows(s.runs)
        projects.setRows(s.projects)
    }

    static func candidates(_ all: [NamespaceStats], keep: Int = 5) -> [String: [NamespaceStats]] {
        top(all, keep: keep) { Double($0.freeStorageSize) }
    }

    /// Per cluster, the namespaces whose storage grows fastest (per hour).
    static func growing(_ all: [NamespaceStats], keep: Int = 3) -> [String: [NamespaceStats]] {
        top(all, keep: keep) { $0.growthPerHour ?? 0 }
    }

    /// Per cluster (`project/cluster`), the `keep` namespaces with the highest positive `score`, highest first.
    static func top(_ all: [NamespaceStats], keep: Int, score: (NamespaceStats) -> Double) -> [String: [NamespaceStats]] {
        // Keyed by the pair while scanning (no string built per namespace), by "project/cluster" at the end.
        struct Cluster: Hashable { var project: String; var cluster: String }
        var lists: [Cluster: [(Double, NamespaceStats)]] = [:]
        for ns in all {
            let v = score(ns)
            guard v > 0 else { continue }
            let key = Cluster(project: ns.projectID, cluster: ns.cluster)
            if let list = lists[key], list.count >= keep, v <= list[list.count - 1].0 { continue }
            var list = lists.removeValue(forKey: key) ?? []
            let at = list.firstIndex { $0.0 < v } ?? list.count
            list.insert((v, ns), at: at)
            if list.count > keep { list.removeLast() }
            lists[key] = list
        }
        var out: [String: [NamespaceStats]] = [:]
        for (key, list) in lists { out[key.project + "/" + key.cluster] = list.map(\.1) }
        return out
    }
}

/// The open namespace history view.
public struct HistoryState: Sendable, Hashable {
    public var namespace: NamespaceStats
    public var samples: [NamespaceSample]?

    public init(namespace: NamespaceStats) { self.namespace = namespace }

    public var key: String { NamespacesView.identity(namespace) }
}

/// The header's organisation totals.
public struct OrgTotals: Sendable, Hashable {
    public var storage: Int64 = 0
    public var reusable: Int64 = 0
    public var clusters = 0
    public var activeRuns = 0
    public var failedRuns = 0

    public init() {}

    public init(_ snap: DashboardSnapshot) {
        for n in snap.namespaces {
            storage += n.storageSize
            reusable += n.freeStorageSize
        }
        clusters = snap.projects.reduce(0) { $0 + $1.clusterCount }
        activeRuns = snap.runs.filter { ["running", "pending", "awaitingApproval"].contains($0.status) }.count
        failedRuns = snap.runs.filter { $0.status == "failed" }.count
    }
}
