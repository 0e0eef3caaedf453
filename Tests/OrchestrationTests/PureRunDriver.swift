import Foundation
@testable import Orchestration

/// Drives a run with the pure parts only (fold, state-machine decision, dispatch plan) and scripted job outcomes,
/// on a fake clock: the engine's loop without I/O, so the rules can be tested as plain values.
struct PureRunDriver {
    var definition: MachineDefinition
    var state: RunState
    var events: [StatusEvent] = []
    var now = Date(timeIntervalSince1970: 1_000_000)
    /// Outcome of each attempt by job name, in order; missing means succeeded.
    var script: [String: [StatusEventKind]] = [:]
    /// Attempts started, in order, as "job#attempt".
    var started: [String] = []

    init(_ json: String, stepMode: Bool? = nil) throws {
        definition = try MachineDefinition.parse(json: json)
        state = RunState(runID: "run", definition: definition, stepMode: stepMode)
    }

    mutating func append(_ kind: StatusEventKind, phase: String? = nil, job: String? = nil, attempt: Int? = nil, detail: String? = nil) {
        let event = StatusEvent(id: "e\(events.count)", runID: "run", seq: Int64(events.count + 1), at: now, kind: kind,
                                phase: phase, job: job, attempt: attempt, detail: detail)
        events.append(event)
        state.apply(event)
    }

    /// Runs until the run ends or waits for an operator. Returns the time the fake clock advanced.
    mutating func runUntilQuiet() {
        for _ in 0..<10_000 {
            let drafts = StateMachineStep.decide(definition, state)
            for draft in drafts {
                append(draft.kind, phase: draft.phase, job: draft.job, attempt: draft.attempt, detail: draft.detail)
            }
            if !drafts.isEmpty { continue }
            let plan = DispatchPlan.plan(definition, state, now: now)
            if plan.due.isEmpty {
                guard let wake = plan.wakeAt else { return }
                now = wake
                continue
            }
            for attempt in plan.due {
                append(.jobStarted, phase: attempt.phase, job: attempt.job, attempt: attempt.attempt)
                started.append("\(attempt.job)#\(attempt.attempt)")
            }
            for attempt in plan.due {
                var outcomes = script[attempt.job] ?? []
                let outcome = outcomes.isEmpty ? StatusEventKind.jobSucceeded : outcomes.removeFirst()
                script[attempt.job] = outcomes
                append(outcome, phase: attempt.phase, job: attempt.job, attempt: attempt.attempt)
            }
        }
    }

    func job(_ name: String) -> JobStatus? { state.job(name)?.status }
    func phase(_ name: String) -> PhaseStatus? { state.phase(name)?.status }
}
