import DashboardModel
import Foundation
import Orchestration

/// A run of the preview data: its summary and its log (definition and engine events).
public struct PreviewRun: Sendable, Hashable {
    public var summary: RunSummary
    public var log: RunLog
}

/// Appends engine events (the kinds `StatusEventKind` has, as the engine writes them) with increasing
/// sequence numbers and times.
struct EventLog {
    let runID: String
    var events: [StatusEvent] = []
    var at: Date

    init(runID: String, events: [StatusEvent] = [], at: Date) {
        self.runID = runID; self.events = events; self.at = at
    }

    mutating func add(_ kind: StatusEventKind, _ phase: String? = nil, _ job: String? = nil, attempt: Int? = nil,
                      _ detail: String? = nil, after seconds: Double = 3) {
        at = at.addingTimeInterval(seconds)
        let seq = Int64(events.count + 1)
        events.append(StatusEvent(id: "\(runID)-\(seq)", runID: runID, seq: seq, at: at, kind: kind, phase: phase,
                                  job: job, attempt: attempt, detail: detail))
    }

    /// One attempt of a job: started, then succeeded or failed.
    mutating func job(_ phase: String, _ job: String, attempt: Int = 1, ok: Bool = true, detail: String? = nil) {
        add(.jobStarted, phase, job, attempt: attempt, "sim")
        add(ok ? .jobSucceeded : .jobFailed, phase, job, attempt: attempt, detail, after: 7)
    }

    mutating func phaseEnded(_ phase: String, failed: Bool = false) {
        add(.phaseCompleted, phase, nil, failed ? "failed" : "succeeded", after: 0)
    }

    mutating func finished(_ status: RunStatus) { add(.runFinished, nil, nil, status.rawValue, after: 0) }
}

/// The preview's runs: a finished pipeline, a failed one, a step-mode run awaiting approval, a live sweep
/// and the onboarding runs.
public enum PreviewRuns {
    public static func all(now: Date) -> [PreviewRun] {
        [pipeline(now: now), failed(now: now), stepMode(now: now), sweep(now: now)]
            + (0..<3).map { onboarding(project: $0, now: now) }
    }

    /// The summary a log implies, through the engine's fold.
    public static func summary(_ log: RunLog, machine: String) -> RunSummary {
        let state = log.inspector().state(at: log.events.count)
        let current = state.currentPhase.map { state.phases[$0].name }
        return RunSummary(id: log.runID, machine: machine, status: state.status.rawValue, currentPhase: current,
                          startedAt: state.startedAt, endedAt: state.endedAt, stepMode: state.stepMode,
                          lastSeq: log.events.last?.seq ?? 0)
    }

    static func make(_ definition: MachineDefinition, _ log: EventLog) -> PreviewRun {
        let runLog = RunLog(runID: log.runID, definition: definition, stepMode: definition.stepMode, events: log.events)
        return PreviewRun(summary: summary(runLog, machine: definition.name), log: runLog)
    }

    /// A definition of `sim` jobs: phases with their jobs and optional conditions (`name: when`).
    static func definition(_ name: String, step: Bool = false,
                           _ phases: [(name: String, when: String?, jobs: [(String, String?)])]) -> MachineDefinition {
        MachineDefinition(name: name, stepMode: step, phases: phases.map { phase in
            PhaseDefinition(name: phase.name, when: phase.when.flatMap { try? Condition.parse($0) }, jobs: phase.jobs.map { job in
                JobDefinition(name: job.0, when: job.1.flatMap { try? Condition.parse($0) },
                              run: .sim(SimJobSpec()), retry: RetryPolicy(attempts: 2, backoff: .seconds(5)))
            })
        })
    }

    static let pipelineDefinition = definition("lambda-pipeline", [
        ("extract", nil, [("extract-orders", nil), ("extract-users", nil)]),
        ("shape", nil, [("transform", nil)]),
        ("load", "transform succeeded", [("write-warehouse", nil), ("alert", "transform failed")]),
    ])

    static func pipeline(now: Date) -> PreviewRun {
        var log = EventLog(runID: "run-7f3a21", at: now.addingTimeInterval(-3_600))
        log.add(.runStarted, nil, nil, "lambda-pipeline")
        log.add(.phaseStarted, "extract", after: 0)
        log.job("extract", "extract-orders", detail: "48,311 documents")
        log.job("extract", "extract-users", detail: "1,204 documents")
        log.phaseEnded("extract")
        log.add(.phaseStarted, "shape", after: 0)
        log.job("shape", "transform", detail: "joined 2 sources")
        log.phaseEnded("shape")
        log.add(.phaseStarted, "load", after: 0)
        log.add(.jobSkipped, "load", "alert", "condition false: transform failed", after: 0)
        log.job("load", "write-warehouse", detail: "wrote 49,515 documents")
        log.phaseEnded("load")
        log.finished(.succeeded)
        return make(pipelineDefinition, log)
    }

    static func failed(now: Date) -> PreviewRun {
        var log = EventLog(runID: "run-9c2e04", at: now.addingTimeInterval(-1_800))
        log.add(.runStarted, nil, nil, "lambda-pipeline")
        log.add(.phaseStarted, "extract", after: 0)
        log.job("extract", "extract-orders")
        log.job("extract", "extract-users")
        log.phaseEnded("extract")
        log.add(.phaseStarted, "shape", after: 0)
        log.job("shape", "transform", ok: false, detail: "exit 1: schema mismatch in orders.items")
        log.add(.jobRetrying, "shape", "transform", attempt: 2, "attempt 1 failed; next attempt in 5s", after: 0)
        log.job("shape", "transform", attempt: 2, ok: false, detail: "exit 1: schema mismatch in orders.items")
        log.phaseEnded("shape", failed: true)
        log.add(.phaseSkipped, "load", nil, "condition false: transform succeeded", after: 0)
        log.finished(.failed)
        return make(pipelineDefinition, log)
    }

    static let stepDefinition = definition("compact-candidates", step: true, [
        ("survey", nil, [("rank-candidates", nil)]),
        ("compact", nil, [("compact-compact", nil)]),
    ])

    static func stepMode(now: Date) -> PreviewRun {
        var log = EventLog(runID: "run-5be811", at: now.addingTimeInterval(-600))
        log.add(.runStarted, nil, nil, "compact-candidates")
        log.add(.awaitingApproval, "survey", after: 0)
        log.add(.approved, "survey", nil, "approved by operator")
        log.add(.phaseStarted, "survey", after: 0)
        log.job("survey", "rank-candidates", detail: "12 collections over 20% free")
        log.phaseEnded("survey")
        log.add(.awaitingApproval, "compact", after: 0)
        return make(stepDefinition, log)
    }

    static func sweep(now: Date) -> PreviewRun {
        var log = EventLog(runID: "run-d41d8c", at: now.addingTimeInterval(-40))
        log.add(.runStarted, nil, nil, "sweep")
        log.add(.phaseStarted, "sample", after: 0)
        log.job("sample", "sample-prod-eu", detail: "3 clusters")
        log.add(.jobStarted, "sample", "sample-analytics", attempt: 1, "builtin")
        return make(definition("sweep", [("sample", nil, [("sample-prod-eu", nil), ("sample-analytics", nil)]),
                                         ("report", "always", [("raise-alerts", nil)])]), log)
    }

    static let onboardingDefinition = definition("onboard-project", [
        ("verify", nil, [("check-keys", nil)]),
        ("deploy", nil, [("create-app", nil), ("link-clusters", nil), ("create-functions", nil)]),
    ])

    static func onboarding(project p: Int, now: Date) -> PreviewRun {
        var log = EventLog(runID: "run-onb-\(p)", at: now.addingTimeInterval(-86_400 + Double(p * 600)))
        log.add(.runStarted, nil, nil, "onboard-project")
        log.add(.phaseStarted, "verify", after: 0)
        log.job("verify", "check-keys", detail: "project reachable")
        log.phaseEnded("verify")
        log.add(.phaseStarted, "deploy", after: 0)
        log.job("deploy", "create-app")
        if p == 2 {
            log.add(.jobStarted, "deploy", "link-clusters", attempt: 1, "builtin")
        } else {
            log.job("deploy", "link-clusters")
            log.job("deploy", "create-functions")
            log.phaseEnded("deploy")
            log.finished(.succeeded)
        }
        return make(onboardingDefinition, log)
    }
}
