import DashboardModel
import Foundation
import Orchestration
import Synchronization

/// Why a preview action failed, written for a person.
public struct PreviewError: Error, CustomStringConvertible, Sendable {
    public var description: String
}

/// An in-memory `ManagerService` over deterministic preview data: `trotter dashboard --preview`, tests and
/// the benchmark use it until (and besides) the embedded manager. Every change publishes a new snapshot.
public final class PreviewManager: ManagerService {
    struct State {
        var snapshot: DashboardSnapshot
        var runs: [String: PreviewRun]
        var subscribers: [Int: AsyncStream<DashboardSnapshot>.Continuation] = [:]
        var nextSubscriber = 0
        var clock: Date
    }

    let state: Mutex<State>

    public init(namespaceCount: Int = 600, now: Date = PreviewData.epoch) {
        let snap = PreviewData.snapshot(namespaceCount: namespaceCount, now: now)
        let runs = Dictionary(uniqueKeysWithValues: PreviewRuns.all(now: now).map { ($0.summary.id, $0) })
        state = Mutex(State(snapshot: snap, runs: runs, clock: now))
    }

    public func snapshots() -> AsyncStream<DashboardSnapshot> {
        let (stream, continuation) = AsyncStream.makeStream(of: DashboardSnapshot.self, bufferingPolicy: .bufferingNewest(1))
        let id = state.withLock { s in
            let id = s.nextSubscriber
            s.nextSubscriber += 1
            s.subscribers[id] = continuation
            continuation.yield(s.snapshot)
            return id
        }
        continuation.onTermination = { [weak self] _ in
            _ = self?.state.withLock { $0.subscribers.removeValue(forKey: id) }
        }
        return stream
    }

    public func currentSnapshot() async -> DashboardSnapshot { state.withLock { $0.snapshot } }

    public func addProject(projectID: String, publicKey: String, privateKey: String) async throws -> String {
        if let problem = FieldValidation.projectID(projectID) ?? FieldValidation.publicKey(publicKey)
            ?? FieldValidation.privateKey(privateKey, publicKey: publicKey) {
            throw PreviewError(description: problem)
        }
        return try mutate { s in
            if s.snapshot.projects.contains(where: { $0.id == projectID }) {
                throw PreviewError(description: "Project \(projectID) is already onboarded; pick it in the Projects pane.")
            }
            if projectID.hasPrefix("dead") {
                throw PreviewError(description: "Atlas answered 401 Unauthorized: check the key pair and that it has Project Owner on \(projectID).")
            }
            let runID = "run-onb-" + projectID.suffix(6)
            var log = EventLog(runID: runID, at: s.clock)
            log.add(.runStarted, nil, nil, "onboard-project", after: 0)
            log.add(.phaseStarted, "verify", after: 0)
            log.add(.jobStarted, "verify", "check-keys", attempt: 1, "builtin", after: 0)
            s.runs[runID] = PreviewRuns.make(PreviewRuns.onboardingDefinition, log)
            s.snapshot.projects.append(ProjectSummary(id: projectID, name: "new-" + projectID.suffix(4), state: .onboarding,
                                                      clusterCount: 0, workerAppID: nil, onboardingRunID: runID,
                                                      lastSweep: nil, lastError: nil))
            return runID
        }
    }

    public func removeProject(projectID: String) async throws {
        try mutate { s in s.snapshot.projects.removeAll { $0.id == projectID } }
    }

    public func sweepNow() async throws -> String {
        try mutate { s in
            s.snapshot.lastSweep = s.clock
            return "run-d41d8c"
        }
    }

    public func runLog(runID: String, after seq: Int64) async throws -> RunLog {
        try state.withLock { s in
            guard var log = s.runs[runID]?.log else { throw PreviewError(description: "No run \(runID); it may have been removed.") }
            log.events.removeAll { $0.seq <= seq }
            return log
        }
    }

    public func approve(runID: String) async throws {
        try append(runID) { log, state in
            guard state.status == .awaitingApproval, let p = state.currentPhase else {
                throw PreviewError(description: "Run \(runID) is not waiting for approval.")
            }
            let phase = state.phases[p]
            log.add(.approved, phase.name, nil, "approved from the dashboard")
            log.add(.phaseStarted, phase.name, after: 0)
            for job in phase.jobs { log.job(phase.name, job.name, detail: "freed 1.20 GiB") }
            log.phaseEnded(phase.name)
            log.finished(.succeeded)
        }
    }

    public func retry(runID: String, job: String) async throws {
        try append(runID) { log, state in
            guard let found = state.job(job), found.status.isFailure else {
                throw PreviewError(description: "Run \(runID) has no failed job \(job).")
            }
            let phase = state.phases.first { $0.jobs.contains { $0.name == job } }!.name
            log.add(.retryRequested, phase, job, "retry from the dashboard")
            log.job(phase, job, attempt: found.attempt + 1, detail: "succeeded on retry")
            log.phaseEnded(phase)
            log.finished(.succeeded)
        }
    }

    public func cancel(runID: String) async throws {
        try append(runID) { log, _ in
            log.add(.cancelRequested, nil, nil, "cancelled from the dashboard")
            log.finished(.cancelled)
        }
    }

    public func history(projectID: String, cluster: String, db: String, collection: String) async throws -> [NamespaceSample] {
        let ns = state.withLock { s in
            s.snapshot.namespaces.first { $0.projectID == projectID && $0.cluster == cluster && $0.db == db && $0.collection == collection }
        }
        guard let ns else { throw PreviewError(description: "No samples for \(db).\(collection) yet.") }
        // A day of hourly samples ending at the current values: storage grows, free space swings with deletes.
        return (0..<24).map { h in
            let back = Double(23 - h)
            let wave = (Double((h * 37) % 11) - 5) / 50
            let storage = max(4_096, Int64(Double(ns.storageSize) * (1 - back * 0.01)))
            return NamespaceSample(at: ns.sampledAt.addingTimeInterval(-back * 3_600), count: Int64(Double(ns.count) * (1 - back * 0.005)),
                                   size: Int64(Double(ns.size) * (1 - back * 0.01)), storageSize: storage,
                                   freeStorageSize: max(0, Int64(Double(ns.freeStorageSize) * (1 + wave))),
                                   totalIndexSize: ns.totalIndexSize)
        }
    }

    /// Moves the preview along one step (a live dashboard without a manager): the clock, the sweep, some
    /// namespaces' sizes, and the running sweep run.
    public func advance(seconds: Double = 2) {
        _ = try? mutate { s in
            s.clock = s.clock.addingTimeInterval(seconds)
            s.snapshot.lastSweep = s.clock
            let n = s.snapshot.namespaces.count
            for k in 0..<min(n, 5) {
                let i = (Int(s.clock.timeIntervalSince1970) * 7 + k * 131) % max(1, n)
                s.snapshot.namespaces[i].storageSize += 65_536
                s.snapshot.namespaces[i].sampledAt = s.clock
            }
        }
    }

    /// Appends events to a run, given its log and its state as of now (the engine's fold).
    private func append(_ runID: String, _ body: (inout EventLog, RunState) throws -> Void) throws {
        try mutate { s in
            guard let run = s.runs[runID] else { throw PreviewError(description: "No run \(runID).") }
            let events = run.log.events
            var log = EventLog(runID: runID, events: events, at: max(s.clock, events.last?.at ?? s.clock))
            try body(&log, run.log.inspector().state(at: events.count))
            s.runs[runID] = PreviewRuns.make(run.log.definition, log)
        }
    }

    /// Applies a change, refreshes run summaries, bumps the version and publishes the snapshot.
    @discardableResult
    func mutate<T>(_ body: (inout State) throws -> T) throws -> T {
        try state.withLock { s in
            let result = try body(&s)
            s.snapshot.runs = s.runs.values.map(\.summary).sorted { $0.id < $1.id }
            s.snapshot.version += 1
            for c in s.subscribers.values { c.yield(s.snapshot) }
            return result
        }
    }
}
