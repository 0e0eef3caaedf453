import Foundation

/// The collections of one cluster at one step, with the disk they sit on.
struct ClusterData: Sendable {
    let step: Int
    let collections: [CollectionState]
    /// Fixed at generation: the disk was sized so the cluster started with its `initialFreeFraction` free.
    let diskSizeBytes: Double
    /// Every "db.collection" in ascending order, and `order[i]` the index in `collections` of `namespaces[i]`:
    /// names never change as data moves, so the worker's pages page through them without sorting per request.
    let namespaces: [String]
    let order: [Int]

    init(step: Int, collections: [CollectionState], diskSizeBytes: Double, sorted: (namespaces: [String], order: [Int])? = nil) {
        self.step = step
        self.collections = collections
        self.diskSizeBytes = diskSizeBytes
        let sorted = sorted ?? {
            let named = collections.enumerated().map { ($0.element.namespace, $0.offset) }.sorted { $0.0 < $1.0 }
            return (named.map(\.0), named.map(\.1))
        }()
        namespaces = sorted.namespaces
        order = sorted.order
    }

    /// The position in `namespaces` of the first name after `name`.
    func position(after name: String) -> Int {
        var lo = 0, hi = namespaces.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if namespaces[mid] <= name { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

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
        return ClusterData(step: target, collections: current, diskSizeBytes: diskSizeBytes, sorted: (namespaces, order))
    }
}
