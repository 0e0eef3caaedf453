import Foundation
public import Logging
public import OrchestrationEngine
import Orchestration
public import TeamCoordination
import TrotterStore

/// The team's shared attempts on PostgreSQL, on TeamCoordination's job queue: each attempt is claimed by exactly one
/// server (`FOR UPDATE SKIP LOCKED`), held on a lease its heartbeat renews, and its outcome is written in one
/// transaction with a check of the claim's fencing token. A server that dies loses its claims to the others when
/// the lease runs out; one that paused past its lease finds its token stale and records nothing.
///
/// Shared are the manager's named builtins (a sweep's collections, onboarding steps) and every user job (command,
/// http, sim, lambda): any server runs any machine's jobs. They go in two lanes, each worked by runners of its own,
/// so the Atlas-bound concurrency of collections (`--parallel-projects`) and that of users' jobs (`--parallel-jobs`)
/// never hold each other back. Builtins not named stay with the run's driver (a sweep's report).
///
/// The hand side (``hand(_:)``) is the engine's: a driver queues an attempt instead of running it. The work side
/// (``work(engine:server:lease:collections:jobs:)``) runs on every server: it claims attempts, runs each here and
/// appends its outcome event to the shared store, where the run's driver (on any server) folds it.
public final class TeamWorkQueue: SharedWork {
    /// The queue's lanes.
    public enum Lane {
        /// The manager's builtins: Atlas-bound, throttled by `--parallel-projects`.
        public static let collections = "collections"
        /// Users' jobs, any kind.
        public static let jobs = "jobs"
    }

    public let builtins: Set<String>
    let coordinator: Coordinator
    let logger: Logger

    public init(coordinator: Coordinator, builtins: Set<String>, logger: Logger) {
        self.coordinator = coordinator
        self.builtins = builtins
        self.logger = logger
    }

    public func shares(_ run: JobRun) -> Bool { lane(of: run) != nil }

    /// The lane of a shared job; nil for a builtin that is not shared.
    func lane(of run: JobRun) -> String? {
        if case .builtin(let name, _) = run { return builtins.contains(name) ? Lane.collections : nil }
        return Lane.jobs
    }

    /// Queues the attempt (an attempt queued before, by a driver since taken over, is left as it is).
    public func hand(_ invocation: JobInvocation) async throws {
        guard let lane = lane(of: invocation.run) else { return }
        let payload = String(decoding: try JSONEncoder().encode(invocation), as: UTF8.self)
        try await coordinator.queue.enqueue([NewJob(runID: invocation.runID, key: "\(invocation.job)#\(invocation.attempt)",
                                                    payload: payload, maxAttempts: 3, lane: lane)])
    }

    /// Works both lanes until the task is cancelled: `collections` builtin attempts and `jobs` user attempts at a time.
    public func work(engine: OrchestrationEngine, server: String, lease: Duration, collections: Int, jobs: Int) async {
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await self.work(lane: Lane.collections, engine: engine, server: server, lease: lease, concurrency: collections) }
            group.addTask { await self.work(lane: Lane.jobs, engine: engine, server: server, lease: lease, concurrency: jobs) }
        }
    }

    private func work(lane: String, engine: OrchestrationEngine, server: String, lease: Duration, concurrency: Int) async {
        let logger = logger
        let runner = JobRunner(coordinator: coordinator, server: server, lease: lease, pollInterval: .seconds(1),
                               concurrency: concurrency, lane: lane)
        await runner.run(events: { event in
            switch event {
            case .started(let job) where job.takenOverFrom != nil:
                logger.warning("attempt \(job.key) of run \(job.runID): taken over from \(job.takenOverFrom ?? "?"), whose lease ran out")
            case .refused(let job, let write):
                logger.warning("attempt \(job.key) of run \(job.runID) was claimed by another server meanwhile; its \(write) was refused")
            case .failed(let job, requeued: true, let message):
                // Silent before: a sweep whose collections were retried looked the same as one that ran once.
                logger.warning("attempt \(job.key) of run \(job.runID) failed on claim \(job.attempt), back on the queue: \(message)")
            case .error(let error):
                logger.error("the team's work queue (\(lane)): \(error)")
            case .abandoned(let job):
                let why = "each of the \(job.attempt) servers that claimed it stopped before it reported (the last: \(job.takenOverFrom ?? "?"))"
                Task { await Self.recordGivenUp(job.payload, key: job.key, engine: engine, logger: logger, why: why) }
            case .gaveUp(let job, let message):
                let why = "\(job.attempt) claims of it failed; the last: \(message)"
                Task { await Self.recordGivenUp(job.payload, key: job.key, engine: engine, logger: logger, why: why) }
            default: break
            }
        }) { job in
            let invocation = try JSONDecoder().decode(JobInvocation.self, from: Data(job.payload.utf8))
            return try await engine.runHanded(invocation) { db in try Self.checkClaim(job, db) }
        }
    }

    /// An attempt the queue gave up on is never reported by a runner: its run hears it failed (once: the outcome's id
    /// is the attempt's, so a late report of the same attempt changes nothing), and its retry policy takes it from there.
    /// `payload` is the queued ``JobInvocation``.
    static func recordGivenUp(_ payload: String, key: String, engine: OrchestrationEngine, logger: Logger, why: String) async {
        guard let invocation = try? JSONDecoder().decode(JobInvocation.self, from: Data(payload.utf8)) else {
            logger.error("attempt \(key) given up: \(why); its payload is not an attempt, so no run hears of it")
            return
        }
        logger.warning("attempt \(key) of run \(invocation.runID) given up: \(why)")
        let event = StatusEvent(id: invocation.outcomeEventID, runID: invocation.runID, kind: .jobFailed, phase: invocation.phase,
                                job: invocation.job, attempt: invocation.attempt, detail: "given up by the team's queue: \(why)")
        do { try await engine.report(event) } catch {
            logger.error("could not record that attempt \(key) of run \(invocation.runID) was given up: \(error)")
        }
    }

    /// The fence of a handed attempt's outcome, inside the transaction that appends it: the claim must still be
    /// this server's (its row is locked until the outcome commits, so no claim can slip in between).
    static func checkClaim(_ job: ClaimedJob, _ db: SQLDatabase) throws {
        let fence = try Int64.fetchOne(db, sql: "SELECT fence FROM coordination_jobs WHERE id = ? AND state = 'claimed' FOR UPDATE",
                                       arguments: [job.id])
        guard fence == job.fence else {
            throw CoordinationError(.staleFence, "attempt \(job.key) of run \(job.runID) is no longer held with fence \(job.fence): "
                                    + "another server claimed it after this one's lease expired; its outcome was not written")
        }
    }
}
