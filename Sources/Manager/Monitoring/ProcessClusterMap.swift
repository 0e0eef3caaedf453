/// Which Atlas processes belong to which cluster. The processes list names no cluster, so this matches the
/// host name (or `userAlias`) against the cluster name the way Atlas builds host names: a cluster "Cluster0"
/// has hosts "cluster0-shard-00-00.abcde.mongodb.net" (and "cluster0-config-…", "cluster0-mongos-…").
public enum ProcessClusterMap {
    public struct Process: Sendable, Hashable {
        public var id: String
        public var hostname: String
        public var userAlias: String?
        public var typeName: String
        public init(id: String, hostname: String, userAlias: String?, typeName: String) {
            self.id = id; self.hostname = hostname; self.userAlias = userAlias; self.typeName = typeName
        }
    }

    /// The primaries of each cluster (one per shard), by cluster name. Primaries carry the disk that matters
    /// and answer for the data; secondaries mirror them.
    public static func primaries(of processes: [Process], clusters: [String]) -> [String: [Process]] {
        var out: [String: [Process]] = [:]
        // Longest names first, so "prod-eu" does not swallow "prod-eu-2"'s hosts.
        let names = clusters.sorted { $0.count > $1.count }
        for p in processes where p.typeName == "REPLICA_PRIMARY" || p.typeName == "SHARD_PRIMARY" {
            let hosts = [p.userAlias, p.hostname].compactMap { $0?.lowercased() }
            if let cluster = names.first(where: { name in
                let prefix = hostPrefix(of: name)
                return hosts.contains { $0.hasPrefix(prefix + "-") || $0.hasPrefix(prefix + ".") }
            }) {
                out[cluster, default: []].append(p)
            }
        }
        return out
    }

    /// Atlas lowercases the cluster name and replaces characters not allowed in host names with '-'.
    static func hostPrefix(of cluster: String) -> String {
        String(cluster.lowercased().map { $0.isLetter || $0.isNumber ? $0 : "-" })
    }
}
