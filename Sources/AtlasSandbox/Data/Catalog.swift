import Foundation

/// The fixed part of the synthetic organisation: projects, clusters and their processes.
///
/// Built eagerly because it is small (200 projects × 3 clusters is 600 values); collections, which can
/// number in the tens of thousands, are generated lazily per cluster by `CollectionGenerator`.
struct Catalog: Sendable {
    let orgID: String
    let orgName: String
    let projects: [ProjectSpec]
    private let projectIndex: [String: Int]
    /// Process ID ("host:port") → (project index, cluster index).
    private let processIndex: [String: (project: Int, cluster: Int)]

    init(seed: UInt64, projects count: Int, clustersPerProject: Int, collectionsPerCluster: Int, epoch: Date) {
        var rng = SplitMix64.derived(seed, 1)
        orgID = rng.hex(16) + "00000000"
        orgName = "GlobeTrotter Sandbox Org"
        var usedNames: Set<String> = []
        var specs: [ProjectSpec] = []
        for p in 0..<count {
            var prng = SplitMix64.derived(seed, 2, UInt64(p))
            let team = NameBank.teams[Int(prng.next() % UInt64(NameBank.teams.count))]
            let env = NameBank.environments[Int(prng.next() % UInt64(NameBank.environments.count))]
            var name = "\(env)-\(team)"
            var suffix = 2
            while usedNames.contains(name) {
                name = "\(env)-\(team)-\(suffix)"
                suffix += 1
            }
            usedNames.insert(name)
            // The index in the last 8 digits keeps IDs unique whatever the hash gives.
            let id = prng.hex(16) + String(p, radix: 16).leftPadded(to: 8)
            let created = epoch.addingTimeInterval(-prng.uniform(30...1500) * 86_400)
            let clusters = (0..<clustersPerProject).map { c in
                ClusterSpec(seed: seed, projectID: id, projectIndex: p, clusterIndex: c,
                            collections: collectionsPerCluster, created: created)
            }
            specs.append(ProjectSpec(index: p, id: id, name: name, created: created, clusters: clusters))
        }
        projects = specs
        projectIndex = Dictionary(uniqueKeysWithValues: specs.map { ($0.id, $0.index) })
        var processes: [String: (project: Int, cluster: Int)] = [:]
        for project in specs {
            for cluster in project.clusters {
                for process in cluster.processes { processes[process.id] = (project.index, cluster.clusterIndex) }
            }
        }
        processIndex = processes
    }

    func project(id: String) -> ProjectSpec? { projectIndex[id].map { projects[$0] } }

    /// The cluster a process belongs to, only when the process is in the given project.
    func cluster(processID: String, projectID: String) -> ClusterSpec? {
        guard let location = processIndex[processID], projects[location.project].id == projectID else { return nil }
        return projects[location.project].clusters[location.cluster]
    }
}

/// One project ("group" in the API).
struct ProjectSpec: Sendable {
    let index: Int
    let id: String
    let name: String
    let created: Date
    let clusters: [ClusterSpec]

    func cluster(named name: String) -> ClusterSpec? { clusters.first { $0.name == name } }
}

/// One replica-set cluster and what never changes about it.
struct ClusterSpec: Sendable {
    let projectID: String
    let projectIndex: Int
    let clusterIndex: Int
    let id: String
    let name: String
    let created: Date
    let instanceSize: String
    let mongoDBVersion: String
    let regionName: String
    let stateName: String
    let paused: Bool
    let collectionCount: Int
    /// Fraction of the disk left free when the data was generated; below 0.2 for about a quarter of clusters.
    let initialFreeFraction: Double
    let hostSuffix: String
    let replicaSetName: String
    let processes: [ProcessSpec]

    init(seed: UInt64, projectID: String, projectIndex: Int, clusterIndex: Int, collections: Int, created: Date) {
        var rng = SplitMix64.derived(seed, 3, UInt64(projectIndex), UInt64(clusterIndex))
        self.projectID = projectID
        self.projectIndex = projectIndex
        self.clusterIndex = clusterIndex
        id = rng.hex(16) + String(projectIndex * 64 + clusterIndex, radix: 16).leftPadded(to: 8)
        let base = NameBank.clusters[clusterIndex % NameBank.clusters.count]
        name = clusterIndex < NameBank.clusters.count ? base : "\(base)-\(clusterIndex / NameBank.clusters.count + 1)"
        self.created = created.addingTimeInterval(rng.uniform(0...20) * 86_400)
        instanceSize = NameBank.instanceSizes[Int(rng.next() % UInt64(NameBank.instanceSizes.count))]
        mongoDBVersion = NameBank.mongoDBVersions[Int(rng.next() % UInt64(NameBank.mongoDBVersions.count))]
        regionName = NameBank.regions[Int(rng.next() % UInt64(NameBank.regions.count))]
        stateName = rng.chance(0.08) ? "UPDATING" : "IDLE"
        paused = false
        collectionCount = collections
        initialFreeFraction = rng.chance(0.25) ? rng.uniform(0.06...0.18) : rng.uniform(0.25...0.7)
        hostSuffix = String((0..<5).map { _ in NameBank.alphanumerics[Int(rng.next() % 36)] })
        let atlasName = "atlas-" + String((0..<6).map { _ in NameBank.alphanumerics[Int(rng.next() % 36)] })
        replicaSetName = "\(atlasName)-shard-0"
        let primary = Int(rng.next() % 3)
        let alias = name.lowercased()
        let suffix = hostSuffix
        processes = (0..<3).map { n in
            ProcessSpec(
                hostname: "\(atlasName)-shard-00-0\(n).\(suffix).mongodb.net",
                userAlias: "\(alias)-shard-00-0\(n).\(suffix).mongodb.net",
                port: 27017,
                typeName: n == primary ? "REPLICA_PRIMARY" : "REPLICA_SECONDARY",
                replicaSetName: "\(atlasName)-shard-0"
            )
        }
    }
}

/// One `mongod` of a cluster.
struct ProcessSpec: Sendable {
    let hostname: String
    let userAlias: String
    let port: Int
    let typeName: String
    let replicaSetName: String

    /// Atlas names a process by `host:port`.
    var id: String { "\(hostname):\(port)" }
}
