import Foundation
import Orchestration

/// Where a project stands in onboarding and sweeping.
public enum ProjectState: String, Sendable, Codable, Hashable {
    case onboarding, ready, failed, removed
    /// No longer in its Atlas organisation (deleted or moved): kept, not swept, until removed or imported again.
    case gone
}

/// One onboarded (or onboarding) project as the dashboard shows it.
public struct ProjectSummary: Sendable, Hashable, Codable {
    public var id: String
    public var name: String
    public var state: ProjectState
    public var clusterCount: Int
    public var workerAppID: String?
    public var onboardingRunID: String?
    public var lastSweep: Date?
    /// Why the last onboarding or sweep failed, written for a person (never contains a secret).
    public var lastError: String?

    public init(id: String, name: String, state: ProjectState, clusterCount: Int, workerAppID: String?,
                onboardingRunID: String?, lastSweep: Date?, lastError: String?) {
        self.id = id; self.name = name; self.state = state; self.clusterCount = clusterCount
        self.workerAppID = workerAppID; self.onboardingRunID = onboardingRunID
        self.lastSweep = lastSweep; self.lastError = lastError
    }
}

/// Everything the dashboard draws, as one immutable value published by the manager.
/// The TUI keeps only the newest one; `version` increases with every change.
public struct DashboardSnapshot: Sendable, Hashable, Codable {
    public var version: Int
    public var projects: [ProjectSummary]
    public var namespaces: [NamespaceStats]
    public var clusters: [ClusterDisk]
    public var runs: [RunSummary]
    public var lastSweep: Date?
    public var lastError: String?
    /// Set by a remote manager while its server cannot be reached: the rest is the last data it had.
    public var unreachableSince: Date?
    /// When each project's namespaces and clusters last changed (the manager's bookkeeping, so a server can send
    /// a remote dashboard only what changed since the data it has).
    public var data = DataGenerations()

    public init(version: Int = 0, projects: [ProjectSummary] = [], namespaces: [NamespaceStats] = [],
                clusters: [ClusterDisk] = [], runs: [RunSummary] = [], lastSweep: Date? = nil,
                lastError: String? = nil) {
        self.version = version; self.projects = projects; self.namespaces = namespaces
        self.clusters = clusters; self.runs = runs; self.lastSweep = lastSweep; self.lastError = lastError
    }

    public static let empty = DashboardSnapshot()

    // `unreachableSince` is the remote client's own observation and `data` the manager's: neither goes on the wire.
    enum CodingKeys: String, CodingKey { case version, projects, namespaces, clusters, runs, lastSweep, lastError }
}
