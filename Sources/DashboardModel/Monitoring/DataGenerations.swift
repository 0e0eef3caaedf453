/// Which projects' namespaces and clusters changed, and when: `current` counts the changes to either, and every
/// project with data has the count as of its own last change. Who has the data as of count N needs only the
/// projects whose count is above N (``SnapshotDelta``): one onboarding, not every namespace of the organisation.
public struct DataGenerations: Sendable, Hashable {
    public private(set) var current = 0
    public private(set) var byProject: [String: Int] = [:]

    public init() {}

    /// Records the step from `old` to `new` data. `onlyProjects` says only those projects' namespaces can differ
    /// (an onboarding's refresh); clusters are always compared, being few.
    public mutating func record(from old: DashboardSnapshot, to new: DashboardSnapshot, onlyProjects: Set<String>? = nil) {
        let oldClusters = Self.grouped(old.clusters), newClusters = Self.grouped(new.clusters)
        var changed = Set(oldClusters.keys).union(newClusters.keys).filter { !Self.same(oldClusters[$0], newClusters[$0]) }
        let oldNamespaces = Self.grouped(onlyProjects.map { ids in old.namespaces.filter { ids.contains($0.projectID) } } ?? old.namespaces)
        let newNamespaces = Self.grouped(onlyProjects.map { ids in new.namespaces.filter { ids.contains($0.projectID) } } ?? new.namespaces)
        changed.formUnion(Set(oldNamespaces.keys).union(newNamespaces.keys).filter { !Self.same(oldNamespaces[$0], newNamespaces[$0]) })
        guard !changed.isEmpty else { return }
        current += 1
        for id in changed {
            // With `onlyProjects`, whether the others have namespaces is not known here, so they keep an entry (one
            // for a project without data costs an empty answer; a missing one would lose that project's rows).
            let hasData = newClusters[id] != nil || newNamespaces[id] != nil || (onlyProjects.map { !$0.contains(id) } ?? false)
            if hasData { byProject[id] = current } else { byProject.removeValue(forKey: id) }
        }
    }

    /// Projects changed after count `since`, and those unchanged since then.
    public func split(since: Int) -> (changed: Set<String>, unchanged: [String]) {
        var changed = Set<String>(), unchanged: [String] = []
        for (id, at) in byProject { if at > since { changed.insert(id) } else { unchanged.append(id) } }
        return (changed, unchanged.sorted())
    }

    static func grouped<T: Hashable & ProjectScoped>(_ items: [T]) -> [String: [T]] {
        var out: [String: [T]] = [:]
        for item in items { out[item.projectID, default: []].append(item) }
        return out
    }

    /// The same rows, in whatever order the store read them.
    static func same<T: Hashable>(_ a: [T]?, _ b: [T]?) -> Bool {
        guard let a, let b else { return a == nil && b == nil }
        return a == b || (a.count == b.count && Set(a) == Set(b))
    }
}

/// Rows that belong to one project.
public protocol ProjectScoped { var projectID: String { get } }
extension NamespaceStats: ProjectScoped {}
extension ClusterDisk: ProjectScoped {}
