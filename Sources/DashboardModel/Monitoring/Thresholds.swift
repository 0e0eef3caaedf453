/// When a namespace or a cluster turns yellow or red, and when the manager raises a notification.
/// Defaults follow the issue: a compact candidate holds reusable free storage ≥ 30% of its storage and
/// ≥ 1 GiB; a disk with less than 20% free is in trouble.
public struct Thresholds: Sendable, Hashable, Codable {
    public enum Level: Int, Sendable, Comparable, Codable {
        case normal, warning, critical
        public static func < (a: Level, b: Level) -> Bool { a.rawValue < b.rawValue }
    }

    public var compactFreeFraction: Double = 0.30
    public var compactMinBytes: Int64 = 1 << 30
    /// Yellow from this fraction of reusable free storage (with at least `warningMinBytes`).
    public var warningFreeFraction: Double = 0.15
    public var warningMinBytes: Int64 = 256 << 20
    public var diskCriticalFreeFraction: Double = 0.20
    public var diskWarningFreeFraction: Double = 0.30
    /// "Full in" turns yellow under this many seconds at the recent growth rate (14 days)...
    public var fullInWarningSeconds: Double = 14 * 86_400
    /// ...and red, with a notification, under this many (3 days).
    public var fullInCriticalSeconds: Double = 3 * 86_400

    public init() {}

    public func fullInLevel(_ seconds: Double?) -> Level {
        guard let seconds else { return .normal }
        if seconds < fullInCriticalSeconds { return .critical }
        if seconds < fullInWarningSeconds { return .warning }
        return .normal
    }

    public func isCompactCandidate(_ n: NamespaceStats) -> Bool {
        isCompactCandidate(freeStorageSize: n.freeStorageSize, storageSize: n.storageSize)
    }

    public func isCompactCandidate(freeStorageSize free: Int64, storageSize: Int64) -> Bool {
        free >= compactMinBytes && Self.fraction(free, of: storageSize) >= compactFreeFraction
    }

    /// `part / whole`, 0 when `whole` is 0.
    package static func fraction(_ part: Int64, of whole: Int64) -> Double {
        whole > 0 ? Double(part) / Double(whole) : 0
    }

    public func level(of n: NamespaceStats) -> Level {
        if isCompactCandidate(n) { return .critical }
        if n.freeStorageSize >= warningMinBytes && n.freeFraction >= warningFreeFraction { return .warning }
        return .normal
    }

    public func level(of disk: ClusterDisk) -> Level {
        diskLevel(freeBytes: disk.diskFreeBytes, totalBytes: disk.diskTotalBytes)
    }

    public func diskLevel(freeBytes: Int64, totalBytes: Int64) -> Level {
        guard totalBytes > 0 else { return .normal }
        let free = Self.fraction(freeBytes, of: totalBytes)
        if free < diskCriticalFreeFraction { return .critical }
        if free < diskWarningFreeFraction { return .warning }
        return .normal
    }
}
