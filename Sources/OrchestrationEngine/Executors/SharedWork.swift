/// The team's share of the work (several servers on one database): attempts of the named builtin jobs (a sweep's
/// per-project collections) are handed to whichever server claims them, not run by the server that drives the run.
/// The server that runs one appends its outcome event to the shared store (``OrchestrationEngine/recordOutcome(_:_:)``);
/// the driver, wherever it is, folds it like any other event.
public protocol SharedWork: Sendable {
    /// The builtin jobs whose attempts are shared.
    var builtins: Set<String> { get }
    /// Queues the attempt for the team. Must be idempotent per attempt (a driver taken over may hand it again).
    func hand(_ invocation: JobInvocation) async throws
}

/// The builtin executor of an engine that shares work: shared builtins are handed over (`.accepted`: their
/// outcome comes later), the others run here.
struct SharingBuiltinExecutor: JobExecutor {
    let local: BuiltinExecutor
    let shared: any SharedWork

    func execute(_ invocation: JobInvocation) async -> JobOutcome {
        guard case .builtin(let name, _) = invocation.run, shared.builtins.contains(name) else {
            return await local.execute(invocation)
        }
        do {
            try await shared.hand(invocation)
            return .accepted
        } catch {
            return .failed("could not hand \(invocation.job) to the team's queue: \(error)")
        }
    }
}
