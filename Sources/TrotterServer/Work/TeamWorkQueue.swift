import Foundation
public import Logging
public import OrchestrationEngine
public import TeamCoordination

/// The team's shared attempts on PostgreSQL, on TeamCoordination's job queue: each attempt is claimed by exactly one
/// server (`FOR UPDATE SKIP LOCKED`), held on a lease its heartbeat renews, and every write presents the claim's
/// fencing token. A server that dies loses its claims to the others when the lease runs out; one that paused past
/// its lease finds its token stale and records nothing.
///
/// The hand side (``hand(_:)``) is the engine's: a driver queues an attempt instead of running it. The work side
/// (``work(engine:server:lease:concurrency:)``) runs on every server: it claims attempts, runs each here and appends
/// its outcome event to the shared store, where the run's driver (on any server) folds it.
public final class TeamWorkQueue: SharedWork {
    public let builtins: Set<String>
    let coordinator: Coordinator
    let logger: Logger

    public init(coordinator: Coordinator, builtins: Set<String>, logger: Logger) {
        self.coordinator = coordinator
        self.builtins = builtins
        self.logger = logger
    }

    /// Queues the attempt (an attempt queued before, by a driver since taken over, is left as it is).
    public func hand(_ invocation: JobInvocation) async throws {
        let payload = String(decoding: try JSONEncoder().encode(invocation), as: UTF8.self)
        try await coordinator.queue.enqueue([NewJob(runID: invocation.runID, key: "\(invocation.job)#\(invocation.attempt)",
                                                    payload: payload, maxAttempts: 3)])
    }

    /// Works the queue until the task is cancelled, `concurrency` attempts at a time.
    public func work(engine: OrchestrationEngine, server: String, lease: Duration, concurrency: Int) async {
        let (queue, logger) = (coordinator.queue, logger)
        let runner = JobRunner(coordinator: coordinator, server: server, lease: lease, pollInterval: .seconds(1),
                               concurrency: concurrency)
        await runner.run(events: { event in
            switch event {
            case .started(let job) where job.takenOverFrom != nil:
                logger.warning("attempt \(job.key) of run \(job.runID): taken over from \(job.takenOverFrom ?? "?"), whose lease ran out")
            case .refused(let job, let write):
                logger.warning("attempt \(job.key) of run \(job.runID) was claimed by another server meanwhile; its \(write) was refused")
            case .error(let error):
                logger.error("the team's work queue: \(error)")
            default: break
            }
        }) { job in
            let invocation = try JSONDecoder().decode(JobInvocation.self, from: Data(job.payload.utf8))
            let outcome = await engine.executeBuiltin(invocation)
            // The fence before the only write: a claim lost while the job ran (this server paused past its lease)
            // throws here, and the outcome of the server that took it over stands.
            try await queue.heartbeat(job, lease: lease)
            try await engine.recordOutcome(invocation, outcome)
            switch outcome {
            case .succeeded(let message): return message ?? "succeeded"
            case .failed(let message): return "failed: \(message)"
            case .accepted: return "accepted"
            }
        }
    }
}
