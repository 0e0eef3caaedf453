import Foundation

/// Folds one event into a run state. Pure and deterministic: the same log always gives the same state.
/// Events that do not apply (a duplicate, a stale attempt, news about a job that already finished) are counted in
/// ``RunState/eventCount`` and otherwise change nothing.
public func reduce(_ state: RunState, _ event: StatusEvent) -> RunState {
    var next = state
    next.apply(event)
    return next
}

extension RunState {
    /// In-place form of ``reduce(_:_:)``, for hot loops (no copy of the phases).
    public mutating func apply(_ event: StatusEvent) {
        eventCount += 1
        guard event.runID == runID else { return }
        if status.isFinished {
            // A finished run only reopens when an operator redrives a failed or cancelled job.
            if event.kind == .retryRequested, status != .succeeded { redrive(event) }
            return
        }
        switch event.kind {
        case .runStarted:
            if status == .pending { status = .running; startedAt = event.at }
        case .awaitingApproval:
            guard let p = phaseRef(event), phases[p].status == .pending else { return }
            phases[p].status = .awaitingApproval
            status = .awaitingApproval
            currentPhase = p
        case .approved:
            guard let p = phaseRef(event) ?? currentPhase, phases[p].status == .awaitingApproval else { return }
            phases[p].status = .pending
            phases[p].approved = true
            status = .running
        case .phaseStarted:
            guard let p = phaseRef(event), phases[p].status == .pending else { return }
            phases[p].status = .running
            currentPhase = p
            status = .running
        case .phaseSkipped:
            guard let p = phaseRef(event), phases[p].status == .pending else { return }
            phases[p].status = .skipped
            for j in phases[p].jobs.indices where phases[p].jobs[j].status == .pending {
                phases[p].jobs[j].status = .skipped
            }
            currentPhase = p
        case .phaseCompleted:
            guard let p = phaseRef(event), phases[p].status == .running,
                  phases[p].jobs.allSatisfy(\.status.isTerminal) else { return }
            let jobs = phases[p].jobs
            if jobs.contains(where: \.status.isFailure) { phases[p].status = .failed }
            else if jobs.allSatisfy({ $0.status == .skipped }) { phases[p].status = .skipped }
            else { phases[p].status = .succeeded }
        case .cancelRequested:
            cancel(at: event.at)
        case .runFinished:
            status = event.detail.flatMap(RunStatus.init(rawValue:)).flatMap { $0.isFinished ? $0 : nil } ?? .failed
            endedAt = event.at
        case .retryRequested:
            return // only a finished run can be redriven
        case .jobStarted, .jobSucceeded, .jobFailed, .jobTimedOut, .jobRetrying, .jobSkipped, .jobCancelled,
             .jobInterrupted:
            applyJobEvent(event)
        }
    }

    private func phaseRef(_ event: StatusEvent) -> Int? { event.phase.flatMap { phaseIndex[$0] } }

    private mutating func applyJobEvent(_ event: StatusEvent) {
        guard let name = event.job, let ref = jobIndex[name], phases[ref.phase].status == .running else { return }
        var job = phases[ref.phase].jobs[ref.job]
        let attempt = event.attempt ?? job.attempt
        switch event.kind {
        case .jobStarted:
            guard job.status == .pending || job.status == .retrying, attempt > job.attempt else { return }
            job.status = .running
            job.attempt = attempt
            job.startedAt = event.at
            job.endedAt = nil
            job.waitingSince = nil
            job.lastMessage = nil
        case .jobSucceeded, .jobFailed, .jobTimedOut:
            guard job.status == .running, attempt == job.attempt else { return }
            job.status = event.kind == .jobSucceeded ? .succeeded : event.kind == .jobFailed ? .failed : .timedOut
            if job.status.isFailure { job.failures += 1 }
            job.endedAt = event.at
            job.lastMessage = event.detail
        case .jobInterrupted:
            guard job.status == .running, attempt == job.attempt else { return }
            job.status = .retrying
            job.waitingSince = event.at
            job.lastMessage = event.detail
        case .jobRetrying:
            guard job.status.isFailure else { return }
            job.status = .retrying
            job.waitingSince = event.at
        case .jobSkipped:
            guard job.status == .pending else { return }
            job.status = .skipped
        case .jobCancelled:
            guard !job.status.isTerminal else { return }
            job.status = .cancelled
            job.endedAt = event.at
        default:
            return
        }
        phases[ref.phase].jobs[ref.job] = job
    }

    private mutating func cancel(at date: Date) {
        cancelRequested = true
        for p in phases.indices {
            for j in phases[p].jobs.indices where !phases[p].jobs[j].status.isTerminal {
                phases[p].jobs[j].status = .cancelled
                phases[p].jobs[j].endedAt = date
            }
            if !phases[p].status.isTerminal { phases[p].status = .cancelled }
        }
    }

    /// Operator redrive: a new attempt of a failed job, and the run resumes from its phase.
    private mutating func redrive(_ event: StatusEvent) {
        guard let name = event.job, let ref = jobIndex[name] else { return }
        let job = phases[ref.phase].jobs[ref.job]
        guard job.status.isFailure || job.status == .cancelled else { return }
        status = .running
        endedAt = nil
        cancelRequested = false
        currentPhase = ref.phase
        phases[ref.phase].status = .running
        for j in phases[ref.phase].jobs.indices {
            let other = phases[ref.phase].jobs[j]
            if j == ref.job || other.status == .cancelled {
                phases[ref.phase].jobs[j].status = .retrying
                phases[ref.phase].jobs[j].failures = 0
                phases[ref.phase].jobs[j].waitingSince = event.at
            }
        }
        // Later phases are decided again from scratch; attempt numbers stay, so no attempt is ever reused.
        for p in phases.indices where p > ref.phase {
            phases[p].status = .pending
            phases[p].approved = false
            for j in phases[p].jobs.indices {
                phases[p].jobs[j].status = .pending
                phases[p].jobs[j].failures = 0
                phases[p].jobs[j].lastMessage = nil
                phases[p].jobs[j].startedAt = nil
                phases[p].jobs[j].endedAt = nil
            }
        }
    }
}
