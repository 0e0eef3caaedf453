import Foundation
import Orchestration

/// The outcome of a `callback` Lambda, reported with the task token its attempt was given.
extension OrchestrationEngine {
    /// Records the outcome of the running callback attempt of `job`.
    /// - Throws: ``EngineError`` (`badToken`) when the token is wrong, belongs to an earlier attempt, or its attempt
    ///   has already been reported or timed out; `unknownRun`/`unknownJob` for names that do not exist.
    public func reportCallback(runID: String, job: String, token: String, succeeded: Bool, message: String?) async throws {
        let state = try await state(runID: runID)
        guard let jobState = state.job(job) else {
            throw EngineError(.unknownJob, "run \(runID) has no job \"\(job)\"; jobs: \(state.allJobs.map(\.name).joined(separator: ", "))")
        }
        guard let issuedTo = try await store.callbackAttempt(runID: runID, job: job, token: token) else {
            throw EngineError(.badToken, "that token was not issued to job \(job) of run \(runID); use the taskToken from the "
                              + "function's context.clientContext.custom")
        }
        guard jobState.status == .running, jobState.attempt == issuedTo else {
            throw EngineError(.badToken, "the token belongs to attempt \(issuedTo) of job \(job), which has already ended "
                              + "(the job is \(jobState.status.rawValue), attempt \(jobState.attempt)); a token reports once")
        }
        let definition = try await definition(runID: runID)
        guard let found = definition.job(named: job) else { throw EngineError(.unknownJob, "run \(runID) has no job \"\(job)\"") }
        let invocation = JobInvocation(runID: runID, machine: definition.name, phase: definition.phases[found.phase].name,
                                       job: job, attempt: issuedTo, run: found.job.run)
        let detail = message.map { String($0.suffix(OutputTail.limit)) } ?? (succeeded ? "reported succeeded" : "reported failed")
        let event = StatusEvent(id: invocation.outcomeEventID, runID: runID, kind: succeeded ? .jobSucceeded : .jobFailed,
                                phase: invocation.phase, job: job, attempt: issuedTo, detail: detail)
        guard try await store.append(event) != nil else {
            throw EngineError(.badToken, "attempt \(issuedTo) of job \(job) has already been reported")
        }
        if try await isDriven(runID) { poke(runID) } else { try await takeOver(runID) }
    }
}
