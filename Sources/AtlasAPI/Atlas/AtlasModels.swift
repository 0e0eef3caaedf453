/// A project ("group" in the API), from `GET /groups` (media type 2023-01-01).
public struct AtlasProject: Sendable, Hashable, Codable {
    public var id: String
    public var name: String
    public var orgId: String
    public var clusterCount: Int?
    public var created: String?

    public init(id: String, name: String, orgId: String, clusterCount: Int? = nil, created: String? = nil) {
        self.id = id; self.name = name; self.orgId = orgId; self.clusterCount = clusterCount; self.created = created
    }
}

/// A cluster, decoded from the 2024-08-05 media type (`ClusterDescription20240805`): disk size lives in
/// `replicationSpecs[].regionConfigs[].electableSpecs.diskSizeGB`.
public struct AtlasCluster: Sendable, Hashable, Codable {
    public var id: String?
    public var name: String
    public var groupId: String?
    public var clusterType: String?
    /// IDLE, CREATING, UPDATING, DELETING, REPAIRING.
    public var stateName: String?
    public var mongoDBVersion: String?
    public var paused: Bool?
    public var replicationSpecs: [ReplicationSpec]?

    public struct ReplicationSpec: Sendable, Hashable, Codable {
        public var zoneName: String?
        public var regionConfigs: [RegionConfig]?
    }

    public struct RegionConfig: Sendable, Hashable, Codable {
        public var providerName: String?
        public var regionName: String?
        public var electableSpecs: HardwareSpec?
    }

    public struct HardwareSpec: Sendable, Hashable, Codable {
        public var instanceSize: String?
        public var nodeCount: Int?
        public var diskSizeGB: Double?
    }

    /// The largest electable disk size across region configs, in GB.
    public var diskSizeGB: Double? {
        replicationSpecs?.flatMap { $0.regionConfigs ?? [] }.compactMap { $0.electableSpecs?.diskSizeGB }.max()
    }
}

/// A mongod/mongos process of a project.
public struct AtlasProcess: Sendable, Hashable, Codable {
    /// `hostname:port`.
    public var id: String
    public var hostname: String
    public var port: Int
    /// REPLICA_PRIMARY, REPLICA_SECONDARY, SHARD_MONGOS, ...
    public var typeName: String
    public var replicaSetName: String?
    /// The cluster-facing name, which maps the process to its cluster.
    public var userAlias: String?
    public var groupId: String?
    public var version: String?
}

/// A database on a process.
public struct AtlasDatabase: Sendable, Hashable, Codable {
    public var databaseName: String
}

/// A disk partition of a process.
public struct AtlasDiskPartition: Sendable, Hashable, Codable {
    public var partitionName: String
}

/// A measurement response (disk partition or database): series of data points per metric.
public struct AtlasMeasurements: Sendable, Hashable, Codable {
    public var granularity: String?
    public var start: String?
    public var end: String?
    public var groupId: String?
    public var processId: String?
    public var partitionName: String?
    public var databaseName: String?
    public var measurements: [Measurement]

    public struct Measurement: Sendable, Hashable, Codable {
        /// e.g. DISK_PARTITION_SPACE_FREE.
        public var name: String
        /// BYTES, PERCENT, ...
        public var units: String?
        public var dataPoints: [DataPoint]

        /// The newest point with a value.
        public var latestValue: Double? { dataPoints.last { $0.value != nil }?.value }
    }

    public struct DataPoint: Sendable, Hashable, Codable {
        public var timestamp: String
        /// Atlas sends `null` where it has no sample.
        public var value: Double?
    }

    /// The measurement with this name.
    public func measurement(_ name: String) -> Measurement? { measurements.first { $0.name == name } }
}
