import Foundation

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

    /// Decodes the function's result; throws a readable error naming what is missing.
    public init(_ value: JSONValue) throws {
        guard case .object = value else { throw WorkerResultError.notAnObject }
        schema = Int(value["schema"]?.int64Value ?? 1)
        guard schema == 1 else { throw WorkerResultError.unsupportedSchema(schema) }
        collectedAt = value["collectedAt"]?.dateValue
        next = value["next"]?.stringValue
        guard let list = value["clusters"]?.arrayValue else { throw WorkerResultError.missing("clusters") }
        clusters = try list.enumerated().map { index, c in
            guard let dataSource = c["dataSource"]?.stringValue else { throw WorkerResultError.missing("clusters[\(index)].dataSource") }
            let namespaces = try (c["namespaces"]?.arrayValue ?? []).enumerated().map { i, n in
                guard let db = n["db"]?.stringValue, let coll = n["collection"]?.stringValue else {
                    throw WorkerResultError.missing("clusters[\(index)].namespaces[\(i)].db/collection")
                }
                return Namespace(db: db, collection: coll, type: n["type"]?.stringValue ?? "collection",
                                 count: n["count"]?.int64Value ?? 0, size: n["size"]?.int64Value ?? 0,
                                 storageSize: n["storageSize"]?.int64Value ?? 0,
                                 freeStorageSize: n["freeStorageSize"]?.int64Value ?? 0,
                                 totalIndexSize: n["totalIndexSize"]?.int64Value ?? 0,
                                 nindexes: Int(n["nindexes"]?.int64Value ?? 0))
            }
            return Cluster(dataSource: dataSource, clusterName: c["clusterName"]?.stringValue ?? dataSource,
                           error: c["error"]?.stringValue, namespaces: namespaces)
        }
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
