import DashboardModel
import DashboardViews
import Foundation
import Orchestration

/// The `ManagerService` of `trotter runs replay`: one exported run, read-only. Nothing here opens a store or a
/// socket; operator actions and everything else say why they do not apply.
final class ReplayManager: ManagerService {
    let log: RunLog
    let snapshot: DashboardSnapshot

    init(log: RunLog) {
        self.log = log
        var snap = DashboardSnapshot.empty
        snap.version = 1
        snap.runs = [PreviewRuns.summary(log, machine: log.definition.name)]
        snapshot = snap
    }

    func snapshots() -> AsyncStream<DashboardSnapshot> {
        let (stream, continuation) = AsyncStream.makeStream(of: DashboardSnapshot.self)
        continuation.yield(snapshot)  // one snapshot, then nothing changes; the stream stays open
        return stream
    }

    func currentSnapshot() async -> DashboardSnapshot { snapshot }

    func runLog(runID: String, after seq: Int64) async throws -> RunLog {
        guard runID == log.runID else { throw Self.readOnly("has only run \(log.runID)") }
        var part = log
        part.events.removeAll { $0.seq <= seq }
        return part
    }

    func addProject(projectID: String, publicKey: String, privateKey: String) async throws -> String { throw Self.readOnly("adds no project") }
    func removeProject(projectID: String) async throws { throw Self.readOnly("removes no project") }
    func listImport(_ key: ImportKey, match: String?) async throws -> ImportListing { throw Self.readOnly("imports no organisation") }
    func importProjects(_ key: ImportKey, listing: ImportListing, chosen: Set<String>?,
                        onOutcome: @escaping @Sendable (ImportOutcome) -> Void) async throws -> [ImportOutcome] {
        throw Self.readOnly("imports no organisation")
    }
    func sweepNow() async throws -> String { throw Self.readOnly("does not sweep") }
    func approve(runID: String) async throws { throw Self.readOnly("cannot approve") }
    func retry(runID: String, job: String) async throws { throw Self.readOnly("cannot retry") }
    func cancel(runID: String) async throws { throw Self.readOnly("cannot cancel") }
    func history(projectID: String, cluster: String, db: String, collection: String) async throws -> [NamespaceSample] {
        throw Self.readOnly("has no namespaces")
    }

    static func readOnly(_ what: String) -> ReplayError {
        ReplayError(description: "A replay \(what): it is a read-only copy of a run. Act on the run where it lives (`trotter runs …`).")
    }
}

/// Why a replay cannot do something, for a person.
struct ReplayError: Error, CustomStringConvertible, Sendable {
    var description: String
}
