import Foundation
import Orchestration

/// Runs one attempt with its executor, racing it against the job's timeout.
enum AttemptRunner {
    enum Result: Sendable {
        case outcome(JobOutcome)
        case timedOut(Duration)

        /// The status event that reports the result; nil when the remote end reports it later.
        func event(for invocation: JobInvocation) -> StatusEvent? {
            let (kind, detail): (StatusEventKind, String?)
            switch self {
            case .outcome(.succeeded(let message)): (kind, detail) = (.jobSucceeded, message)
            case .outcome(.failed(let message)): (kind, detail) = (.jobFailed, message)
            case .outcome(.accepted): return nil
            case .timedOut(let limit): (kind, detail) = (.jobTimedOut, "killed after its timeout of \(DurationText.format(limit))")
            }
            return StatusEvent(id: invocation.outcomeEventID, runID: invocation.runID, kind: kind,
                               phase: invocation.phase, job: invocation.job, attempt: invocation.attempt, detail: detail)
        }
    }

    static func run(_ invocation: JobInvocation, executor: any JobExecutor, timeout: Duration?) async -> Result {
        guard let timeout else { return .outcome(await executor.execute(invocation)) }
        return await withTaskGroup(of: Result?.self) { group in
            group.addTask { .outcome(await executor.execute(invocation)) }
            group.addTask {
                do { try await Task.sleep(for: timeout) } catch { return nil }
                return .timedOut(timeout)
            }
            var result: Result = .timedOut(timeout)
            if let first = await group.next(), let first { result = first }
            // The loser is cancelled: a command is killed, a sleep ends.
            group.cancelAll()
            return result
        }
    }
}

/// The executors an engine uses, one per kind of job.
struct ExecutorSet: Sendable {
    var command: any JobExecutor
    var http: any JobExecutor
    var sim: any JobExecutor
    var builtin: any JobExecutor
    var lambda: any JobExecutor

    func executor(for run: JobRun) -> any JobExecutor {
        switch run {
        case .command: command
        case .http: http
        case .sim: sim
        case .builtin: builtin
        case .lambda: lambda
        }
    }
}
