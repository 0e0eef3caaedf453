import Foundation

/// The page `globetrotterRead` returns (ATLAS-API.md, "The worker (our contract)"), built from the
/// synthetic data of the clusters linked to the app.
///
/// Paging: namespaces of all linked clusters are ordered by "db.collection"; `after` skips every namespace
/// up to and including that name (in every cluster), and a page never splits one name across pages, so
/// `next` can stay the plain "db.collection" of the contract.
enum WorkerResult {
    struct Arguments: Equatable {
        var since: Date?
        var after: String?
        var limit: Int

        static let defaultLimit = 500
        static let maxLimit = 5_000

        /// `[{since, after, limit}]`; plain or Extended JSON numbers; a missing object means defaults.
        init(_ arguments: [JSON]) {
            let object = arguments.first ?? .null
            since = object["since"]?.stringValue.flatMap { ISO8601DateFormatter().date(from: $0) }
            after = object["after"]?.stringValue
            limit = min(Arguments.maxLimit, max(1, Int(object["limit"]?.intValue ?? Int64(Arguments.defaultLimit))))
        }
    }

    struct Source {
        let dataSource: String
        let cluster: ClusterSpec
        let data: ClusterData?
        let error: String?
    }

    static func page(sources: [Source], arguments: Arguments, collectedAt: Date) -> JSON {
        let stamp = AtlasWire.date(collectedAt)
        if let since = arguments.since, collectedAt <= since {
            return ["schema": ExtendedJSON.int(1), "collectedAt": stamp, "next": .null, "clusters": []]
        }
        // Every distinct namespace name after the cursor, in order.
        var occurrences: [String: Int] = [:]
        for source in sources { for c in source.data?.collections ?? [] { occurrences[c.namespace, default: 0] += 1 } }
        let ordered = occurrences.keys.filter { name in arguments.after.map { name > $0 } ?? true }.sorted()
        var chosen = Set<String>()
        var taken = 0
        var next: String? = nil
        for name in ordered {
            let count = occurrences[name] ?? 0
            if taken > 0, taken + count > arguments.limit {
                next = chosen.max()
                break
            }
            chosen.insert(name)
            taken += count
        }
        let clusters: [JSON] = sources.map { source in
            let namespaces = (source.data?.collections ?? []).filter { chosen.contains($0.namespace) }
                .sorted { $0.namespace < $1.namespace }
                .map(namespace)
            return [
                "dataSource": .string(source.dataSource),
                "clusterName": .string(source.cluster.name),
                "error": JSON.string(source.error),
                "namespaces": .array(source.error == nil ? namespaces : []),
            ]
        }
        return ["schema": ExtendedJSON.int(1), "collectedAt": stamp, "next": JSON.string(next), "clusters": .array(clusters)]
    }

    static func namespace(_ c: CollectionState) -> JSON {
        [
            "db": .string(c.db),
            "collection": .string(c.name),
            "type": c.isTimeSeries ? "timeseries" : "collection",
            "count": ExtendedJSON.long(c.countValue),
            "size": ExtendedJSON.long(c.size),
            "avgObjSize": ExtendedJSON.int(Int(c.avgObjSizeValue)),
            "storageSize": ExtendedJSON.long(c.storageSize),
            "freeStorageSize": ExtendedJSON.long(c.freeStorageValue),
            "totalIndexSize": ExtendedJSON.long(c.totalIndexSize),
            "nindexes": ExtendedJSON.int(c.nindexes),
        ]
    }
}
