public import Orchestration

/// The team's share of the work (several servers on one database): attempts of the jobs it names (a sweep's
/// per-project collections, onboarding steps, users' jobs) are handed to whichever server claims them, not run by
/// the server that drives the run. The server that claims one runs it with ``OrchestrationEngine/runHanded(_:fence:)``,
/// which appends its outcome event to the shared store; the driver, wherever it is, folds it like any other event.
public protocol SharedWork: Sendable {
    /// True when attempts of `run` go to the team's queue.
    func shares(_ run: JobRun) -> Bool
    /// Queues the attempt for the team. Must be idempotent per attempt (a driver taken over may hand it again).
    func hand(_ invocation: JobInvocation) async throws
}

/// An executor of an engine that shares work: shared attempts are handed over (`.accepted`: their outcome comes
/// later, from the server that ran them), the others run here.
struct SharingExecutor: JobExecutor {
    let local: any JobExecutor
    let shared: any SharedWork

    func execute(_ invocation: JobInvocation) async -> JobOutcome {
        guard shared.shares(invocation.run) else { return await local.execute(invocation) }
        do {
            try await shared.hand(invocation)
            return .accepted
        } catch {
            return .failed("could not hand \(invocation.job) to the team's queue: \(error)")
        }
    }
}

extension ExecutorSet {
    /// The same executors, each handing what `work` shares to the team.
    func sharing(with work: any SharedWork) -> ExecutorSet {
        ExecutorSet(command: SharingExecutor(local: command, shared: work), http: SharingExecutor(local: http, shared: work),
                    sim: SharingExecutor(local: sim, shared: work), builtin: SharingExecutor(local: builtin, shared: work),
                    lambda: SharingExecutor(local: lambda, shared: work))
    }
}
