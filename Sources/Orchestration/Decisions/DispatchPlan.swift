import Foundation

/// The orchestrator step's decision: which job attempts are due now, and when to look again.
/// Pure: a function of the definition, the folded state and the time.
public struct DispatchPlan: Sendable, Hashable {
    public struct Attempt: Sendable, Hashable {
        public var phase: String
        public var job: String
        public var attempt: Int
    }

    /// Attempts to start now.
    public var due: [Attempt] = []
    /// The earliest time a waiting retry becomes due, if any.
    public var wakeAt: Date?

    public static func plan(_ definition: MachineDefinition, _ state: RunState, now: Date) -> DispatchPlan {
        var plan = DispatchPlan()
        guard state.status == .running, !state.cancelRequested,
              let p = state.phases.firstIndex(where: { $0.status == .running }) else { return plan }
        let phase = state.phases[p]
        for (j, job) in phase.jobs.enumerated() {
            switch job.status {
            case .pending:
                plan.due.append(Attempt(phase: phase.name, job: job.name, attempt: job.attempt + 1))
            case .retrying:
                let delay = job.failures > 0
                    ? (definition.phases[p].jobs[j].retry?.delay(afterFailures: job.failures) ?? .zero) : .zero
                let readyAt = (job.waitingSince ?? now).addingTimeInterval(delay.seconds)
                if readyAt <= now {
                    plan.due.append(Attempt(phase: phase.name, job: job.name, attempt: job.attempt + 1))
                } else {
                    plan.wakeAt = min(plan.wakeAt ?? readyAt, readyAt)
                }
            default:
                continue
            }
        }
        return plan
    }
}
