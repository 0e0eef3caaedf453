import Foundation
import Orchestration

/// Operator actions and remote reports. Each appends one event to the log; the engine driving the run (here or in
/// another process) folds it. When nobody drives the run (its process ended or died), this engine takes it over.
extension OrchestrationEngine {
    /// Approves the phase a step-mode run is waiting on. `actor` names who did (a team token's name); without it,
    /// the user running this process.
    public func approve(runID: String, by actor: String? = nil) async throws {
        let state = try await state(runID: runID)
        guard state.status == .awaitingApproval,
              let phase = state.phases.first(where: { $0.status == .awaitingApproval }) else {
            throw EngineError(.notAwaitingApproval, "run \(runID) is \(state.status.rawValue), not awaiting approval")
        }
        try await appendOperatorEvent(runID, .approved, phase: phase.name, detail: "approved by \(actor ?? Self.operatorName)")
    }

    /// Redrives a failed, timed-out or cancelled job of an ended run: a new attempt, and the run resumes from that
    /// job's phase (later phases are decided again).
    public func retry(runID: String, job: String, by actor: String? = nil) async throws {
        let state = try await state(runID: runID)
        guard let jobState = state.job(job) else {
            throw EngineError(.unknownJob, "run \(runID) has no job \"\(job)\"; jobs: \(state.allJobs.map(\.name).joined(separator: ", "))")
        }
        guard state.status == .failed || state.status == .cancelled,
              jobState.status.isFailure || jobState.status == .cancelled else {
            throw EngineError(.cannotRetry, "job \(job) is \(jobState.status.rawValue) in a run that is \(state.status.rawValue); "
                              + "only a failed, timed-out or cancelled job of an ended run can be retried")
        }
        try await appendOperatorEvent(runID, .retryRequested, job: job, detail: "retry requested by \(actor ?? Self.operatorName)")
    }

    /// Cancels a run: running attempts are killed, nothing more starts.
    public func cancel(runID: String, by actor: String? = nil) async throws {
        let state = try await state(runID: runID)
        guard !state.status.isFinished else {
            throw EngineError(.finished, "run \(runID) already ended \(state.status.rawValue)")
        }
        try await appendOperatorEvent(runID, .cancelRequested, detail: "cancelled by \(actor ?? Self.operatorName)")
    }

    /// Continues a run whose process died (e.g. killed with SIGKILL), from its log: attempts that were started
    /// and never reported are replaced by new attempts; nothing is started twice.
    public func resume(runID: String) async throws {
        try await takeOver(runID)
    }

    /// Records a status event reported by a remote end (an async `http` job): typically the outcome of an attempt,
    /// with the id it was given (``JobInvocation/outcomeEventID``), so a repeated report is a no-op.
    /// - Throws: ``EngineError`` when the event is not a job outcome or names an unknown run.
    public func report(_ event: StatusEvent) async throws {
        guard event.kind.isJobOutcome, event.job != nil, event.attempt != nil else {
            throw EngineError(.notAJobOutcome, "a report must be jobSucceeded, jobFailed or jobTimedOut with a job and an attempt")
        }
        _ = try await record(event.runID)
        try await store.append(event)
        poke(event.runID)
    }

    private func appendOperatorEvent(_ runID: String, _ kind: StatusEventKind, phase: String? = nil, job: String? = nil,
                                     detail: String) async throws {
        let event = StatusEvent(id: "\(runID)/op/\(UUID().uuidString)", runID: runID, kind: kind, phase: phase, job: job, detail: detail)
        try await store.append(event)
        if try await isDriven(runID) { poke(runID) } else { try await takeOver(runID) }
    }

    private static var operatorName: String {
        ProcessInfo.processInfo.environment["USER"] ?? "operator"
    }
}
