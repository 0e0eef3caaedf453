import Foundation

/// The collections of one cluster at one step, with the disk they sit on.
struct ClusterData: Sendable {
    let step: Int
    let collections: [CollectionState]
    /// Fixed at generation: the disk was sized so the cluster started with its `initialFreeFraction` free.
    let diskSizeBytes: Double

    /// Journal, oplog and the system databases take room beside the collections.
    static func overhead(dataBytes: Double) -> Double { 1_073_741_824 + dataBytes * 0.03 }

    var usedBytes: Double {
        let data = collections.reduce(0.0) { $0 + Double($1.storageSize + $1.totalIndexSize) }
        return min(diskSizeBytes, data + ClusterData.overhead(dataBytes: data))
    }

    var freeBytes: Double { max(0, diskSizeBytes - usedBytes) }

    /// Database names in the order they first appear.
    var databaseNames: [String] {
        var seen: Set<String> = []
        return collections.compactMap { seen.insert($0.db).inserted ? $0.db : nil }
    }

    static func initial(seed: UInt64, cluster: ClusterSpec) -> ClusterData {
        let collections = CollectionGenerator.collections(seed: seed, cluster: cluster)
        let data = collections.reduce(0.0) { $0 + Double($1.storageSize + $1.totalIndexSize) }
        let used = data + overhead(dataBytes: data)
        let gib = CollectionGenerator.gib
        let disk = (used / (1 - cluster.initialFreeFraction) / gib).rounded(.up) * gib
        return ClusterData(step: 0, collections: collections, diskSizeBytes: disk)
    }

    /// The same cluster `steps` later.
    func advanced(seed: UInt64, cluster: ClusterSpec, to target: Int) -> ClusterData {
        guard target > step else { return self }
        let key = UInt64(cluster.projectIndex) << 20 | UInt64(cluster.clusterIndex)
        var current = collections
        for s in step..<target {
            for i in current.indices {
                current[i] = current[i].advanced(seed: seed, clusterKey: key, ordinal: i, step: s)
            }
        }
        return ClusterData(step: target, collections: current, diskSizeBytes: diskSizeBytes)
    }
}
