/// An event the state-machine step wants appended; the store gives it an id and a sequence number.
public struct EventDraft: Sendable, Hashable {
    public var kind: StatusEventKind
    public var phase: String?
    public var job: String?
    public var attempt: Int?
    public var detail: String?

    public init(_ kind: StatusEventKind, phase: String? = nil, job: String? = nil, attempt: Int? = nil, detail: String? = nil) {
        self.kind = kind; self.phase = phase; self.job = job; self.attempt = attempt; self.detail = detail
    }
}

/// The state-machine step's decision: given the definition and the folded state, what moves the run forward.
/// Pure: it reads values and returns drafts. The engine appends them, folds them and asks again until nothing is
/// left to decide, all in one transaction.
public enum StateMachineStep {
    public static func decide(_ definition: MachineDefinition, _ state: RunState) -> [EventDraft] {
        if state.status.isFinished { return [] }
        if state.status == .pending { return [EventDraft(.runStarted, detail: definition.name)] }
        if state.cancelRequested { return [EventDraft(.runFinished, detail: RunStatus.cancelled.rawValue)] }

        if let p = state.phases.firstIndex(where: { $0.status == .running }) {
            return decideRunningPhase(definition, state, p)
        }
        if state.phases.contains(where: { $0.status == .awaitingApproval }) { return [] }
        guard let p = state.phases.firstIndex(where: { $0.status == .pending }) else {
            let failed = state.allJobs.contains(where: \.status.isFailure)
            return [EventDraft(.runFinished, detail: (failed ? RunStatus.failed : .succeeded).rawValue)]
        }
        let phaseDef = definition.phases[p]
        let phase = state.phases[p]
        guard (phaseDef.when ?? .allSucceeded).evaluate(in: state, beforePhase: p) else {
            return [EventDraft(.phaseSkipped, phase: phase.name, detail: "condition false: \(phaseDef.when ?? .allSucceeded)")]
        }
        if state.stepMode && !phase.approved {
            return [EventDraft(.awaitingApproval, phase: phase.name)]
        }
        var drafts = [EventDraft(.phaseStarted, phase: phase.name)]
        for job in phaseDef.jobs {
            if let when = job.when, !when.evaluate(in: state, beforePhase: p) {
                drafts.append(EventDraft(.jobSkipped, phase: phase.name, job: job.name, detail: "condition false: \(when)"))
            }
        }
        return drafts
    }

    private static func decideRunningPhase(_ definition: MachineDefinition, _ state: RunState, _ p: Int) -> [EventDraft] {
        let phase = state.phases[p]
        var drafts: [EventDraft] = []
        for (j, job) in phase.jobs.enumerated() where job.status.isFailure {
            let policy = definition.phases[p].jobs[j].retry
            if let policy, job.failures < policy.attempts {
                let wait = policy.delay(afterFailures: job.failures)
                drafts.append(EventDraft(.jobRetrying, phase: phase.name, job: job.name, attempt: job.attempt + 1,
                                         detail: "attempt \(job.attempt) \(job.status.rawValue); next attempt in \(DurationText.format(wait))"))
            }
        }
        if !drafts.isEmpty { return drafts }
        if phase.jobs.allSatisfy(\.status.isTerminal) {
            let failed = phase.jobs.contains(where: \.status.isFailure)
            return [EventDraft(.phaseCompleted, phase: phase.name, detail: failed ? "failed" : "succeeded")]
        }
        return []
    }
}
