import Foundation

/// The numbers `$collStats` reports for one collection, and how they move from one step to the next.
///
/// Pure value logic: `advanced(seed:step:)` depends only on its inputs, so the organisation after N steps is
/// the same whichever way the steps were taken.
struct CollectionState: Sendable, Hashable {
    let db: String
    let name: String
    let isTimeSeries: Bool
    /// Bytes on disk per byte of BSON (WiredTiger block compression).
    let compression: Double
    let indexBytesPerDocument: Double
    let nindexes: Int
    /// Base growth per step as a fraction of the data; a few collections grow fast.
    let growthRate: Double
    var count: Double
    var avgObjSize: Double
    /// Bytes the collection file holds but does not use ("file bytes available for reuse").
    var freeStorageSize: Double
    /// Compressed bytes of live documents.
    var liveStorage: Double

    var size: Int64 { Int64((count * avgObjSize).rounded()) }
    var storageSize: Int64 { Int64((liveStorage + freeStorageSize).rounded()) + 4096 }
    var totalIndexSize: Int64 { Int64((count * indexBytesPerDocument).rounded()) + Int64(nindexes) * 4096 }
    var countValue: Int64 { Int64(count.rounded()) }
    var avgObjSizeValue: Int64 { count < 1 ? 0 : Int64(avgObjSize.rounded()) }
    var freeStorageValue: Int64 { Int64(freeStorageSize.rounded()) }
    var namespace: String { "\(db).\(name)" }

    /// One step of time: inserts (which reuse free space first), and now and then a bulk delete that leaves
    /// its space in the file for reuse, as WiredTiger does until `compact`.
    func advanced(seed: UInt64, clusterKey: UInt64, ordinal: Int, step: Int) -> CollectionState {
        var rng = SplitMix64.derived(seed, 5, clusterKey, UInt64(ordinal), UInt64(step))
        var next = self
        let growth = growthRate * rng.uniform(0.2...1.8)
        let inserted = max(count, 50) * growth
        next.count += inserted
        let newLive = inserted * avgObjSize * compression
        let reused = min(next.freeStorageSize, newLive * 0.8)
        next.freeStorageSize -= reused
        next.liveStorage += newLive
        if rng.chance(0.04), next.count > 100 {
            let fraction = rng.uniform(0.05...0.35)
            let removed = next.count * fraction
            next.count -= removed
            let freed = next.liveStorage * fraction
            next.liveStorage -= freed
            next.freeStorageSize += freed
        }
        return next
    }
}

/// Generates the initial collections of one cluster from the seed.
enum CollectionGenerator {
    static let gib = 1_073_741_824.0

    /// Total bytes (data + indexes) the cluster starts with; log-uniform from 2 GiB to 3 TiB so a few are huge.
    static func initialVolume(seed: UInt64, cluster: ClusterSpec) -> Double {
        var rng = SplitMix64.derived(seed, 4, UInt64(cluster.projectIndex), UInt64(cluster.clusterIndex))
        return rng.logUniform(2 * gib...3_072 * gib)
    }

    static func collections(seed: UInt64, cluster: ClusterSpec) -> [CollectionState] {
        var rng = SplitMix64.derived(seed, 6, UInt64(cluster.projectIndex), UInt64(cluster.clusterIndex))
        let volume = initialVolume(seed: seed, cluster: cluster)
        let dbCount = min(NameBank.databases.count, 2 + Int(rng.next() % 4))
        var pool = NameBank.databases
        pool.shuffle(using: &rng)
        let databases = Array(pool.prefix(dbCount))
        // Heavy-tailed weights: a handful of collections hold most of the data, as in real clusters.
        let weights = (0..<cluster.collectionCount).map { _ in exp(rng.uniform(-3...3) * 1.6) }
        let total = max(weights.reduce(0, +), 1)
        var used: [String: Int] = [:]
        var result: [CollectionState] = []
        result.reserveCapacity(cluster.collectionCount)
        for (ordinal, weight) in weights.enumerated() {
            let db = databases[Int(rng.next() % UInt64(databases.count))]
            let base = NameBank.collections[Int(rng.next() % UInt64(NameBank.collections.count))]
            let seen = used["\(db).\(base)", default: 0]
            used["\(db).\(base)"] = seen + 1
            let name = seen == 0 ? base : "\(base)_\(seen + 1)"
            let share = volume * weight / total
            let compression = rng.uniform(0.25...0.6)
            let avgObjSize = rng.logUniform(120...4_000)
            let indexPerDoc = rng.uniform(24...160)
            // About one collection in six carries a large reusable gap; ordinal 1 always does, so every
            // cluster offers at least one compact candidate (≥ 30 % of the file and ≥ 1 GiB).
            let bloated = ordinal == 1 || rng.chance(0.15)
            let storage = share * 0.85
            var free = bloated ? storage * rng.uniform(0.3...0.65) : storage * rng.uniform(0...0.04)
            if bloated { free = max(free, rng.uniform(1.1...3) * gib) }
            let live = bloated ? max(storage - free, storage * 0.35) : storage - free
            let count = (live / compression / avgObjSize).rounded()
            let fast = rng.chance(0.1)
            result.append(CollectionState(
                db: db, name: name,
                isTimeSeries: NameBank.timeSeriesDatabases.contains(db),
                compression: compression,
                indexBytesPerDocument: indexPerDoc,
                nindexes: 1 + Int(rng.next() % 7),
                growthRate: fast ? rng.uniform(0.005...0.02) : rng.uniform(0...0.003),
                count: count, avgObjSize: avgObjSize, freeStorageSize: free,
                liveStorage: count * avgObjSize * compression
            ))
        }
        return result
    }
}
