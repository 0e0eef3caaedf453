/// Reusable free storage rolled up per cluster, project and organisation, with the top compact candidates.
public struct FreeSpaceRollup: Sendable, Hashable, Codable {
    public struct Total: Sendable, Hashable, Codable {
        public var key: String
        public var storageSize: Int64 = 0
        public var freeStorageSize: Int64 = 0
        public var namespaces: Int = 0
        public var compactCandidates: Int = 0
        public init(key: String) { self.key = key }
        public var freeFraction: Double { storageSize > 0 ? Double(freeStorageSize) / Double(storageSize) : 0 }
    }

    public var organisation = Total(key: "organisation")
    /// Keyed "project" name, ordered by reusable free storage, largest first.
    public var projects: [Total] = []
    /// Keyed "project/cluster", ordered by reusable free storage, largest first.
    public var clusters: [Total] = []
    public var topCandidates: [NamespaceStats] = []

    public init(namespaces: [NamespaceStats], thresholds: Thresholds = Thresholds(), top: Int = 20) {
        var byProject: [String: Total] = [:], byCluster: [String: Total] = [:]
        var candidates: [NamespaceStats] = []
        for n in namespaces {
            let candidate = thresholds.isCompactCandidate(n)
            if candidate { candidates.append(n) }
            Self.add(n, candidate, to: &organisation)
            Self.add(n, candidate, to: &byProject[n.projectName, default: Total(key: n.projectName)])
            let ck = "\(n.projectName)/\(n.cluster)"
            Self.add(n, candidate, to: &byCluster[ck, default: Total(key: ck)])
        }
        let order: (Total, Total) -> Bool = { ($0.freeStorageSize, $1.key) > ($1.freeStorageSize, $0.key) }
        projects = byProject.values.sorted(by: order)
        clusters = byCluster.values.sorted(by: order)
        topCandidates = Array(NamespaceQuery(sort: .freeStorageSize).apply(to: candidates).prefix(top))
    }

    private static func add(_ n: NamespaceStats, _ candidate: Bool, to t: inout Total) {
        t.storageSize += n.storageSize
        t.freeStorageSize += n.freeStorageSize
        t.namespaces += 1
        if candidate { t.compactCandidates += 1 }
    }
}
