import CurlHTTP
import Foundation

/// The Atlas Administration API v2, read-only calls trotter needs. Every list call walks all pages.
///
/// ```swift
/// let atlas = AtlasClient(baseURL: endpoints.atlasBaseURL, credentials: creds, http: http)
/// for project in try await atlas.projects() { print(project.name) }
/// ```
/// Throws `AtlasAPIError` for error answers (with advice) and `HTTPError` for transport failures.
public struct AtlasClient: Sendable {
    /// The media types requested; the client decodes exactly these versions.
    public static let mediaType20230101 = "application/vnd.atlas.2023-01-01+json"
    public static let mediaType20240805 = "application/vnd.atlas.2024-08-05+json"

    public let baseURL: String
    public let credentials: AtlasCredentials
    let http: HTTPClient
    let tokens: ServiceAccountTokens?
    /// Page size for list calls (Atlas's maximum is 500).
    public var itemsPerPage: Int

    /// - Parameters:
    ///   - baseURL: the Atlas host (`https://cloud.mongodb.com` or the emulator's); `/api/atlas/v2` is appended.
    ///   - credentials: API key (digest) or service account (Bearer, token cached by this client and its copies).
    ///   - http: the shared transport.
    public init(baseURL: String, credentials: AtlasCredentials, http: HTTPClient, itemsPerPage: Int = 500) {
        self.baseURL = AtlasEndpoints(atlasBaseURL: baseURL).atlasBaseURL
        self.credentials = credentials
        self.http = http
        self.itemsPerPage = min(max(1, itemsPerPage), AtlasPageWalker.maxItemsPerPage)
        if case .serviceAccount(let id, let secret) = credentials {
            tokens = ServiceAccountTokens(baseURL: self.baseURL, clientID: id, clientSecret: secret, http: http)
        } else {
            tokens = nil
        }
    }

    /// Every project the credentials can see (`GET /groups`).
    public func projects() async throws -> [AtlasProject] {
        try await list("/groups", accept: Self.mediaType20230101)
    }

    /// The projects of one organisation (`GET /orgs/{orgId}/groups`).
    public func projects(orgID: String) async throws -> [AtlasProject] {
        try await list("/orgs/\(Self.segment(orgID))/groups", accept: Self.mediaType20230101)
    }

    /// One project; the cheapest check that the credentials work for it.
    public func project(id: String) async throws -> AtlasProject {
        try await get("/groups/\(Self.segment(id))", accept: Self.mediaType20230101)
    }

    /// The project's clusters, in the 2024-08-05 shape.
    public func clusters(projectID: String) async throws -> [AtlasCluster] {
        try await list("/groups/\(Self.segment(projectID))/clusters", accept: Self.mediaType20240805)
    }

    /// The project's processes (`id` = `host:port`).
    public func processes(projectID: String) async throws -> [AtlasProcess] {
        try await list("/groups/\(Self.segment(projectID))/processes", accept: Self.mediaType20230101)
    }

    /// Databases on one process.
    public func databases(projectID: String, processID: String) async throws -> [AtlasDatabase] {
        try await list(processPath(projectID, processID) + "/databases", accept: Self.mediaType20230101)
    }

    /// Disk partitions of one process.
    public func disks(projectID: String, processID: String) async throws -> [AtlasDiskPartition] {
        try await list(processPath(projectID, processID) + "/disks", accept: Self.mediaType20230101)
    }

    /// Space measurements of a disk partition.
    /// - Parameters:
    ///   - granularity: ISO 8601 duration, e.g. `PT1M`.
    ///   - period: ISO 8601 duration looking back from now, e.g. `PT1H`.
    ///   - metrics: measurement names (`m=`); by default free, used and percent free space.
    public func diskMeasurements(
        projectID: String, processID: String, partition: String, granularity: String = "PT1M", period: String = "PT1H",
        metrics: [String] = ["DISK_PARTITION_SPACE_FREE", "DISK_PARTITION_SPACE_USED", "DISK_PARTITION_SPACE_PERCENT_FREE"]
    ) async throws -> AtlasMeasurements {
        let path = processPath(projectID, processID) + "/disks/\(Self.segment(partition))/measurements"
        return try await get(path, query: Self.measurementQuery(granularity, period, metrics), accept: Self.mediaType20230101)
    }

    /// Size measurements of one database on one process.
    public func databaseMeasurements(
        projectID: String, processID: String, databaseName: String, granularity: String = "PT1M", period: String = "PT1H",
        metrics: [String] = ["DATABASE_DATA_SIZE", "DATABASE_STORAGE_SIZE", "DATABASE_INDEX_SIZE"]
    ) async throws -> AtlasMeasurements {
        let path = processPath(projectID, processID) + "/databases/\(Self.segment(databaseName))/measurements"
        return try await get(path, query: Self.measurementQuery(granularity, period, metrics), accept: Self.mediaType20230101)
    }

    private func processPath(_ projectID: String, _ processID: String) -> String {
        "/groups/\(Self.segment(projectID))/processes/\(Self.segment(processID))"
    }

    static func measurementQuery(_ granularity: String, _ period: String, _ metrics: [String]) -> [(String, String)] {
        [("granularity", granularity), ("period", period)] + metrics.map { ("m", $0) }
    }

    /// Percent-encodes one path segment (a process ID's `:` may stay).
    static func segment(_ s: String) -> String {
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: "/?#")
        return s.addingPercentEncoding(withAllowedCharacters: allowed) ?? s
    }
}
