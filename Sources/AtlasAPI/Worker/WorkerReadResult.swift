import Foundation
import TrotterSupport

/// One page of `globetrotterRead`'s result (ATLAS-API.md, "The worker (our contract)"), decoded from
/// plain JSON or MongoDB Extended JSON.
public struct WorkerReadResult: Sendable, Hashable {
    public struct Namespace: Sendable, Hashable {
        public var db: String
        public var collection: String
        public var type: String
        public var count: Int64
        public var size: Int64
        public var storageSize: Int64
        public var freeStorageSize: Int64
        public var totalIndexSize: Int64
        public var nindexes: Int
    }

    public struct Cluster: Sendable, Hashable {
        public var dataSource: String
        public var clusterName: String
        public var error: String?
        public var namespaces: [Namespace]
    }

    public var schema: Int
    public var collectedAt: Date?
    public var next: String?
    public var clusters: [Cluster]

    /// Reads the function's result straight from the response bytes (see `JSONBytesParser+Reading`); throws a
    /// readable error naming what is missing. Members may come in any order; unknown ones are skipped.
    package init(reading p: inout JSONBytesParser) throws {
        p.skipWhitespace()
        guard p.nextIsObject else { throw WorkerResultError.notAnObject }
        var schema = 1
        var collectedAt: Date?
        var next: String?
        var clusters: [Cluster]?
        try p.readObject { p, key in
            if key.is("schema") {
                schema = Int(try p.readInt64() ?? 1)
            } else if key.is("collectedAt") {
                collectedAt = try p.readDate()
            } else if key.is("next") {
                next = try p.readString()
            } else if key.is("clusters") {
                guard p.nextIsArray else { return try p.skipValue() }
                var list: [Cluster] = []
                try p.readArray { p in list.append(try Cluster(reading: &p, index: list.count)) }
                clusters = list
            } else {
                try p.skipValue()
            }
        }
        guard schema == 1 else { throw WorkerResultError.unsupportedSchema(schema) }
        guard let clusters else { throw WorkerResultError.missing("clusters") }
        self.schema = schema
        self.collectedAt = collectedAt
        self.next = next
        self.clusters = clusters
    }
}

extension WorkerReadResult.Cluster {
    init(reading p: inout JSONBytesParser, index: Int) throws {
        var dataSource: String?, clusterName: String?, error: String?
        var namespaces: [WorkerReadResult.Namespace] = []
        guard p.nextIsObject else { throw WorkerResultError.missing("clusters[\(index)].dataSource") }
        try p.readObject { p, key in
            if key.is("dataSource") {
                dataSource = try p.readString()
            } else if key.is("clusterName") {
                clusterName = try p.readString()
            } else if key.is("error") {
                error = try p.readString()
            } else if key.is("namespaces"), p.nextIsArray {
                namespaces.reserveCapacity(128)
                try p.readArray { p in
                    namespaces.append(try WorkerReadResult.Namespace(reading: &p, path: "clusters[\(index)].namespaces[\(namespaces.count)]"))
                }
            } else {
                try p.skipValue()
            }
        }
        guard let dataSource else { throw WorkerResultError.missing("clusters[\(index)].dataSource") }
        self.init(dataSource: dataSource, clusterName: clusterName ?? dataSource, error: error, namespaces: namespaces)
    }
}

extension WorkerReadResult.Namespace {
    init(reading p: inout JSONBytesParser, path: @autoclosure () -> String) throws {
        var db: String?, collection: String?, type: String?
        var count: Int64?, size: Int64?, storageSize: Int64?, freeStorageSize: Int64?, totalIndexSize: Int64?, nindexes: Int64?
        guard p.nextIsObject else { throw WorkerResultError.missing(path() + ".db/collection") }
        try p.readObject { p, key in
            switch key.length {
            // Dispatch on the name's length first: most members are then told apart by one comparison.
            case 2 where key.is("db"): db = try p.readString()
            case 4 where key.is("type"): type = try p.readString()
            case 5 where key.is("count"): count = try p.readInt64()
            case 4 where key.is("size"): size = try p.readInt64()
            case 11 where key.is("storageSize"): storageSize = try p.readInt64()
            case 15 where key.is("freeStorageSize"): freeStorageSize = try p.readInt64()
            case 14 where key.is("totalIndexSize"): totalIndexSize = try p.readInt64()
            case 8 where key.is("nindexes"): nindexes = try p.readInt64()
            case 10 where key.is("collection"): collection = try p.readString()
            default: try p.skipValue()
            }
        }
        guard let db, let collection else { throw WorkerResultError.missing(path() + ".db/collection") }
        self.init(db: db, collection: collection, type: type ?? "collection", count: count ?? 0, size: size ?? 0,
                  storageSize: storageSize ?? 0, freeStorageSize: freeStorageSize ?? 0,
                  totalIndexSize: totalIndexSize ?? 0, nindexes: Int(nindexes ?? 0))
    }
}

public enum WorkerResultError: Error, CustomStringConvertible {
    case notAnObject, unsupportedSchema(Int), missing(String)
    public var description: String {
        switch self {
        case .notAnObject: return "The worker's read function returned something other than an object; redeploy the worker (re-run onboarding)."
        case .unsupportedSchema(let s): return "The worker speaks result schema \(s), which this trotter does not know; upgrade trotter or re-run onboarding."
        case .missing(let path): return "The worker's result lacks \(path); re-run onboarding to redeploy the worker."
        }
    }
}
