import Foundation

/// One `db.collection` on one cluster of one project, as of its newest sample.
public struct NamespaceStats: Sendable, Hashable, Codable {
    public var projectID: String
    public var projectName: String
    public var cluster: String
    public var db: String
    public var collection: String
    /// Documents.
    public var count: Int64
    /// Uncompressed data size, bytes.
    public var size: Int64
    /// Bytes the collection holds on disk.
    public var storageSize: Int64
    /// WiredTiger "file bytes available for reuse": what `compact` could give back.
    public var freeStorageSize: Int64
    public var totalIndexSize: Int64
    public var nindexes: Int
    /// Storage growth in bytes per hour from the sample history; nil until two samples exist.
    public var growthPerHour: Double?
    public var sampledAt: Date

    public init(projectID: String, projectName: String, cluster: String, db: String, collection: String,
                count: Int64, size: Int64, storageSize: Int64, freeStorageSize: Int64, totalIndexSize: Int64,
                nindexes: Int, growthPerHour: Double?, sampledAt: Date) {
        self.projectID = projectID; self.projectName = projectName; self.cluster = cluster
        self.db = db; self.collection = collection; self.count = count; self.size = size
        self.storageSize = storageSize; self.freeStorageSize = freeStorageSize
        self.totalIndexSize = totalIndexSize; self.nindexes = nindexes
        self.growthPerHour = growthPerHour; self.sampledAt = sampledAt
    }

    public var namespace: String { "\(db).\(collection)" }

    /// Reusable free storage as a fraction of storage (0...1); 0 when storage is 0.
    public var freeFraction: Double { Thresholds.fraction(freeStorageSize, of: storageSize) }
}

/// A cluster's disk, from the Atlas disk partition measurements of its primary.
public struct ClusterDisk: Sendable, Hashable, Codable {
    public var projectID: String
    public var projectName: String
    public var cluster: String
    public var diskTotalBytes: Int64
    public var diskUsedBytes: Int64
    public var diskFreeBytes: Int64
    /// Sum of the cluster's collections' reusable free storage.
    public var reusableFreeBytes: Int64
    public var sampledAt: Date
    /// Seconds until the disk is full at the last 24 hours' rate; nil when it is not filling or too few samples.
    public var fullInSeconds: Double? = nil
    /// `fullInSeconds` judged by the manager's limits (yellow/red), so every view colours it alike.
    public var fullInLevel: Thresholds.Level = .normal
    /// Free bytes over the last 24 hours, one value per hour with samples (oldest first), for a sparkline.
    public var freeHistory: [Int64] = []

    public init(projectID: String, projectName: String, cluster: String, diskTotalBytes: Int64,
                diskUsedBytes: Int64, diskFreeBytes: Int64, reusableFreeBytes: Int64, sampledAt: Date) {
        self.projectID = projectID; self.projectName = projectName; self.cluster = cluster
        self.diskTotalBytes = diskTotalBytes; self.diskUsedBytes = diskUsedBytes
        self.diskFreeBytes = diskFreeBytes; self.reusableFreeBytes = reusableFreeBytes; self.sampledAt = sampledAt
    }

    public var freeFraction: Double { Thresholds.fraction(diskFreeBytes, of: diskTotalBytes) }
}
