import Foundation

/// Columns the namespace table and `trotter namespaces --sort` know.
public enum NamespaceColumn: String, Sendable, CaseIterable, Codable {
    case project, cluster, namespace, count, size, storageSize, freeStorageSize, freePercent, totalIndexSize, growthPerHour

    /// Accepts the column name and the JSON field names (`db`, `collection`, `free`, `indexes`, `growth`, ...).
    public init?(argument: String) {
        switch argument.lowercased() {
        case "project": self = .project
        case "cluster": self = .cluster
        case "namespace", "ns", "db", "collection": self = .namespace
        case "count", "documents", "docs": self = .count
        case "size", "datasize", "data": self = .size
        case "storage", "storagesize": self = .storageSize
        case "free", "freestoragesize", "reusable": self = .freeStorageSize
        case "free%", "freepercent", "freepct": self = .freePercent
        case "indexes", "index", "totalindexsize": self = .totalIndexSize
        case "growth", "growthperhour": self = .growthPerHour
        default: return nil
        }
    }

    /// Numbers read best largest-first; names alphabetically.
    public var descendingByDefault: Bool {
        switch self {
        case .project, .cluster, .namespace: return false
        default: return true
        }
    }
}

/// Filter, sort and page the org-wide namespace list. Pure, so the CLI, the dashboard and tests share it.
public struct NamespaceQuery: Sendable, Hashable {
    /// Case-insensitive substring over project, cluster, database and collection; a leading `!` inverts.
    public var filter: String
    public var sort: NamespaceColumn
    public var descending: Bool
    public var offset: Int
    public var limit: Int?

    public init(filter: String = "", sort: NamespaceColumn = .freeStorageSize, descending: Bool? = nil,
                offset: Int = 0, limit: Int? = nil) {
        self.filter = filter; self.sort = sort; self.descending = descending ?? sort.descendingByDefault
        self.offset = offset; self.limit = limit
    }

    public func matches(_ n: NamespaceStats) -> Bool {
        var needle = filter.lowercased()
        guard !needle.isEmpty else { return true }
        let inverted = needle.hasPrefix("!")
        if inverted { needle.removeFirst() }
        if needle.isEmpty { return true }
        let hit = n.projectName.lowercased().contains(needle) || n.projectID.lowercased().contains(needle)
            || n.cluster.lowercased().contains(needle) || n.namespace.lowercased().contains(needle)
        return hit != inverted
    }

    public func apply(to all: [NamespaceStats]) -> [NamespaceStats] {
        var rows = all.filter(matches)
        let column = sort, desc = descending
        rows.sort { a, b in
            let order = Self.compare(a, b, by: column)
            if order != .orderedSame { return desc ? order == .orderedDescending : order == .orderedAscending }
            return Self.identityLess(a, b) // stable, deterministic ties
        }
        let start = min(offset, rows.count)
        let end = limit.map { min(rows.count, start + $0) } ?? rows.count
        return Array(rows[start..<end])
    }

    static func identityLess(_ a: NamespaceStats, _ b: NamespaceStats) -> Bool {
        (a.projectName, a.cluster, a.db, a.collection) < (b.projectName, b.cluster, b.db, b.collection)
    }

    public static func compare(_ a: NamespaceStats, _ b: NamespaceStats, by column: NamespaceColumn) -> ComparisonResult {
        func cmp<T: Comparable>(_ x: T, _ y: T) -> ComparisonResult { x < y ? .orderedAscending : (x > y ? .orderedDescending : .orderedSame) }
        switch column {
        case .project: return cmp(a.projectName.lowercased(), b.projectName.lowercased())
        case .cluster: return cmp(a.cluster.lowercased(), b.cluster.lowercased())
        case .namespace: return cmp(a.namespace.lowercased(), b.namespace.lowercased())
        case .count: return cmp(a.count, b.count)
        case .size: return cmp(a.size, b.size)
        case .storageSize: return cmp(a.storageSize, b.storageSize)
        case .freeStorageSize: return cmp(a.freeStorageSize, b.freeStorageSize)
        case .freePercent: return cmp(a.freeFraction, b.freeFraction)
        case .totalIndexSize: return cmp(a.totalIndexSize, b.totalIndexSize)
        // Unknown growth sorts below any known growth.
        case .growthPerHour: return cmp(a.growthPerHour ?? -.infinity, b.growthPerHour ?? -.infinity)
        }
    }
}
