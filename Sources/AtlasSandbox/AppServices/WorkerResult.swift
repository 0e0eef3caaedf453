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
        // Merge the sources' sorted names after the cursor, taking whole names until the limit: `heads[s]` ends
        // up just past the last name taken in source `s`.
        let data = sources.map(\.data)
        var heads = data.map { d in d.map { d in arguments.after.map(d.position(after:)) ?? 0 } ?? 0 }
        let starts = heads
        var taken = 0
        var last: String? = nil
        var next: String? = nil
        while true {
            // Each source's next name (nil once it is used up); the smallest is taken from every source that has it.
            let upcoming = data.indices.map { s in data[s].flatMap { heads[s] < $0.namespaces.count ? $0.namespaces[heads[s]] : nil } }
            guard let name = upcoming.compactMap({ $0 }).min() else { break }
            let holders = data.indices.filter { upcoming[$0] == name }
            if taken > 0, taken + holders.count > arguments.limit {
                next = last
                break
            }
            for s in holders { heads[s] += 1 }
            taken += holders.count
            last = name
        }
        let clusters: [JSON] = sources.enumerated().map { s, source in
            let namespaces = source.data.map { d in (starts[s]..<heads[s]).map { namespace(d.collections[d.order[$0]]) } } ?? []
            return [
                "dataSource": .string(source.dataSource),
                "clusterName": .string(source.cluster.name),
                "error": JSON.string(source.error),
                "namespaces": .array(source.error == nil ? namespaces : []),
            ]
        }
        return ["schema": ExtendedJSON.int(1), "collectedAt": stamp, "next": JSON.string(next), "clusters": .array(clusters)]
    }

    /// One namespace as the worker returns it (canonical Extended JSON numbers), written straight to bytes;
    /// `namespaceTree` is the same document as a tree, which the tests compare it with.
    static func namespace(_ c: CollectionState) -> JSON {
        var out: [UInt8] = []
        out.reserveCapacity(320)
        func key(_ name: StaticString) {
            out.append(UInt8(ascii: out.isEmpty ? "{" : ","))
            out.append(UInt8(ascii: "\""))
            out.append(contentsOf: UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount))
            out.append(contentsOf: #"":"#.utf8)
        }
        func number(_ name: StaticString, _ kind: StaticString, _ value: Int64) {
            key(name)
            out.append(contentsOf: #"{""#.utf8)
            out.append(contentsOf: UnsafeBufferPointer(start: kind.utf8Start, count: kind.utf8CodeUnitCount))
            out.append(contentsOf: #"":""#.utf8)
            out.append(contentsOf: String(value).utf8)
            out.append(contentsOf: #""}"#.utf8)
        }
        key("db"); JSON.writeString(c.db, into: &out)
        key("collection"); JSON.writeString(c.name, into: &out)
        key("type"); JSON.writeString(c.isTimeSeries ? "timeseries" : "collection", into: &out)
        number("count", "$numberLong", c.countValue)
        number("size", "$numberLong", c.size)
        number("avgObjSize", "$numberInt", c.avgObjSizeValue)
        number("storageSize", "$numberLong", c.storageSize)
        number("freeStorageSize", "$numberLong", c.freeStorageValue)
        number("totalIndexSize", "$numberLong", c.totalIndexSize)
        number("nindexes", "$numberInt", Int64(c.nindexes))
        out.append(UInt8(ascii: "}"))
        return .raw(out)
    }

    static func namespaceTree(_ c: CollectionState) -> JSON {
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
