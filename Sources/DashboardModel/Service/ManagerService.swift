import Foundation
import Orchestration

/// The one way in to the manager, for the dashboard and the CLI alike. The embedded manager (an actor over
/// the SQLite store) implements it; a remote manager over HTTP can implement the same protocol later.
public protocol ManagerService: Sendable {
    /// Snapshots of everything the dashboard draws. Only the newest matters: consumers may drop older ones.
    func snapshots() -> AsyncStream<DashboardSnapshot>
    /// The newest snapshot now.
    func currentSnapshot() async -> DashboardSnapshot

    /// Checks the three fields' shapes, then the keys against Atlas, stores them sealed and starts onboarding.
    /// - Returns: the onboarding run's ID.
    func addProject(projectID: String, publicKey: String, privateKey: String) async throws -> String
    func removeProject(projectID: String) async throws
    /// Every project an organisation key can see (all pages), planned against what is onboarded; changes nothing.
    func listImport(_ key: ImportKey, match: String?) async throws -> ImportListing
    /// Onboards the chosen projects of a listing (nil = all), bounded-parallel, on one sealed copy of the key;
    /// `onOutcome` hears each project as it ends.
    func importProjects(_ key: ImportKey, listing: ImportListing, chosen: Set<String>?,
                        onOutcome: @escaping @Sendable (ImportOutcome) -> Void) async throws -> [ImportOutcome]
    /// Starts one sweep of every project now. - Returns: the sweep run's ID.
    func sweepNow() async throws -> String

    /// A run's definition and its events after `seq` (all of them for 0), for the inspector, which folds them
    /// with the engine's own fold (``RunInspector``). Asked again with the last `seq` it has as the run goes on.
    func runLog(runID: String, after seq: Int64) async throws -> RunLog
    func approve(runID: String) async throws
    func retry(runID: String, job: String) async throws
    func cancel(runID: String) async throws
    /// Sample history of one namespace (oldest first) for the history view's sparklines.
    func history(projectID: String, cluster: String, db: String, collection: String) async throws -> [NamespaceSample]
}

/// One stored sample of a namespace, for trends.
public struct NamespaceSample: Sendable, Hashable, Codable {
    public var at: Date
    public var count: Int64
    public var size: Int64
    public var storageSize: Int64
    public var freeStorageSize: Int64
    public var totalIndexSize: Int64

    public init(at: Date, count: Int64, size: Int64, storageSize: Int64, freeStorageSize: Int64, totalIndexSize: Int64) {
        self.at = at; self.count = count; self.size = size; self.storageSize = storageSize
        self.freeStorageSize = freeStorageSize; self.totalIndexSize = totalIndexSize
    }
}
