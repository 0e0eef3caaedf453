/// One thing an event changed in a run, for the inspector's "what changed here".
public enum RunChange: Sendable, Hashable, CustomStringConvertible {
    case run(from: RunStatus, to: RunStatus)
    case phase(name: String, from: PhaseStatus, to: PhaseStatus)
    case job(name: String, from: JobStatus, to: JobStatus, attempt: Int)
    case attempt(job: String, from: Int, to: Int)
    case message(job: String, String)

    public var description: String {
        switch self {
        case .run(let from, let to): "run: \(from.rawValue) → \(to.rawValue)"
        case .phase(let name, let from, let to): "phase \(name): \(from.rawValue) → \(to.rawValue)"
        case .job(let name, let from, let to, let attempt): "job \(name): \(from.rawValue) → \(to.rawValue) (attempt \(attempt))"
        case .attempt(let job, let from, let to): "job \(job): attempt \(from) → \(to)"
        case .message(let job, let text): "job \(job): \(text)"
        }
    }

    /// Differences between two states of the same run, run first, then phases and jobs in definition order.
    /// An empty result means the event changed nothing (a duplicate, or news about a job that already finished).
    public static func diff(_ before: RunState, _ after: RunState) -> [RunChange] {
        var changes: [RunChange] = []
        if before.status != after.status { changes.append(.run(from: before.status, to: after.status)) }
        for (old, new) in zip(before.phases, after.phases) {
            if old.status != new.status { changes.append(.phase(name: new.name, from: old.status, to: new.status)) }
            for (oldJob, newJob) in zip(old.jobs, new.jobs) {
                if oldJob.status != newJob.status {
                    changes.append(.job(name: newJob.name, from: oldJob.status, to: newJob.status, attempt: newJob.attempt))
                } else if oldJob.attempt != newJob.attempt {
                    changes.append(.attempt(job: newJob.name, from: oldJob.attempt, to: newJob.attempt))
                }
                if oldJob.lastMessage != newJob.lastMessage, let message = newJob.lastMessage {
                    changes.append(.message(job: newJob.name, message))
                }
            }
        }
        return changes
    }
}
