extension Condition {
    /// Evaluates the condition for something in phase `phaseIndex`, over the outcomes of the phases before it.
    /// `all succeeded` holds when no earlier job failed, timed out or was cancelled (skipped jobs do not count
    /// against it); a phase succeeded when all its jobs did, failed when any did.
    public func evaluate(in state: RunState, beforePhase phaseIndex: Int) -> Bool {
        switch self {
        case .always:
            return true
        case .anyFailed:
            return state.phases.prefix(phaseIndex).contains { $0.jobs.contains(where: \.status.isFailure) }
        case .allSucceeded:
            return !state.phases.prefix(phaseIndex).contains {
                $0.jobs.contains { $0.status.isFailure || $0.status == .cancelled }
            }
        case .outcome(let name, let outcome):
            if let job = state.job(name) {
                switch outcome {
                case .succeeded: return job.status == .succeeded
                case .failed: return job.status.isFailure
                case .skipped: return job.status == .skipped
                }
            }
            guard let phase = state.phase(name) else { return false }
            switch outcome {
            case .succeeded: return phase.status == .succeeded
            case .failed: return phase.status == .failed
            case .skipped: return phase.status == .skipped
            }
        case .not(let inner):
            return !inner.evaluate(in: state, beforePhase: phaseIndex)
        case .and(let lhs, let rhs):
            return lhs.evaluate(in: state, beforePhase: phaseIndex) && rhs.evaluate(in: state, beforePhase: phaseIndex)
        case .or(let lhs, let rhs):
            return lhs.evaluate(in: state, beforePhase: phaseIndex) || rhs.evaluate(in: state, beforePhase: phaseIndex)
        }
    }
}
