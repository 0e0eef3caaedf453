import DashboardModel
import Foundation

/// A run of the preview data: its summary and its event log.
public struct PreviewRun: Sendable, Hashable {
    public var summary: RunSummary
    public var events: [RunEventRecord]
}

/// Appends events with increasing sequence numbers and times.
struct EventLog {
    var events: [RunEventRecord] = []
    var at: Date

    mutating func add(_ kind: String, _ phase: String? = nil, _ job: String? = nil, _ detail: String? = nil, after seconds: Double = 3) {
        at = at.addingTimeInterval(seconds)
        events.append(RunEventRecord(seq: Int64(events.count + 1), at: at, kind: kind, phase: phase, job: job, detail: detail))
    }

    mutating func job(_ phase: String, _ job: String, ok: Bool = true, detail: String? = nil) {
        add("jobStarted", phase, job)
        add(ok ? "jobSucceeded" : "jobFailed", phase, job, detail, after: 7)
    }
}

/// The preview's runs: a finished pipeline, a failed one, a step-mode run awaiting approval, a live sweep
/// and the onboarding runs.
public enum PreviewRuns {
    public static func all(now: Date) -> [PreviewRun] {
        [pipeline(now: now), failed(now: now), stepMode(now: now), sweep(now: now)]
            + (0..<3).map { onboarding(project: $0, now: now) }
    }

    /// The summary a log implies, through the same fold the inspector uses.
    public static func summary(id: String, machine: String, stepMode: Bool, events: [RunEventRecord]) -> RunSummary {
        let model = InspectorFold.model(runID: id, machine: machine, stepMode: stepMode, records: events)
        let state = model.state(at: events.count - 1)
        let current = state.phases.last { ["running", "awaitingApproval", "failed"].contains($0.status) }?.name
        let ended = ["succeeded", "failed", "cancelled"].contains(state.status) ? events.last?.at : nil
        return RunSummary(id: id, machine: machine, status: state.status, currentPhase: current,
                          startedAt: events.first?.at, endedAt: ended, stepMode: stepMode)
    }

    static func make(_ id: String, _ machine: String, step: Bool = false, _ log: EventLog) -> PreviewRun {
        PreviewRun(summary: summary(id: id, machine: machine, stepMode: step, events: log.events), events: log.events)
    }

    static func pipeline(now: Date) -> PreviewRun {
        var log = EventLog(at: now.addingTimeInterval(-3_600))
        log.add("runStarted")
        log.add("phaseStarted", "extract")
        log.job("extract", "extract-orders", detail: "48,311 documents")
        log.job("extract", "extract-users", detail: "1,204 documents")
        log.add("phaseSucceeded", "extract")
        log.add("phaseStarted", "transform")
        log.job("transform", "transform", detail: "joined 2 sources")
        log.add("phaseSucceeded", "transform")
        log.add("phaseStarted", "load")
        log.job("load", "load", detail: "wrote 49,515 documents")
        log.add("jobSkipped", "load", "alert", "condition: transform failed = false")
        log.add("phaseSucceeded", "load")
        log.add("runSucceeded")
        return make("run-7f3a21", "lambda-pipeline", log)
    }

    static func failed(now: Date) -> PreviewRun {
        var log = EventLog(at: now.addingTimeInterval(-1_800))
        log.add("runStarted")
        log.add("phaseStarted", "extract")
        log.job("extract", "extract-orders")
        log.add("phaseSucceeded", "extract")
        log.add("phaseStarted", "transform")
        log.job("transform", "transform", ok: false, detail: "exit 1: schema mismatch in orders.items")
        log.add("jobRetrying", "transform", "transform", "retry 2 of 2 in 5s")
        log.job("transform", "transform", ok: false, detail: "exit 1: schema mismatch in orders.items")
        log.add("phaseFailed", "transform")
        log.add("runFailed", nil, nil, "transform failed after 2 attempts")
        return make("run-9c2e04", "lambda-pipeline", log)
    }

    static func stepMode(now: Date) -> PreviewRun {
        var log = EventLog(at: now.addingTimeInterval(-600))
        log.add("runStarted")
        log.add("phaseStarted", "survey")
        log.job("survey", "rank-candidates", detail: "12 collections over 20% free")
        log.add("phaseSucceeded", "survey")
        log.add("phaseAwaitingApproval", "compact", nil, "press a to approve")
        return make("run-5be811", "compact-candidates", step: true, log)
    }

    static func sweep(now: Date) -> PreviewRun {
        var log = EventLog(at: now.addingTimeInterval(-40))
        log.add("runStarted")
        log.add("phaseStarted", "sample")
        log.job("sample", "sample-prod-eu", detail: "3 clusters")
        log.add("jobStarted", "sample", "sample-analytics")
        return make("run-d41d8c", "sweep", log)
    }

    static func onboarding(project p: Int, now: Date) -> PreviewRun {
        var log = EventLog(at: now.addingTimeInterval(-86_400 + Double(p * 600)))
        log.add("runStarted")
        log.add("phaseStarted", "verify")
        log.job("verify", "check-keys", detail: "project reachable")
        log.add("phaseSucceeded", "verify")
        log.add("phaseStarted", "deploy")
        log.job("deploy", "create-app")
        if p == 2 {
            log.add("jobStarted", "deploy", "link-clusters")
        } else {
            log.job("deploy", "link-clusters")
            log.job("deploy", "create-functions")
            log.add("phaseSucceeded", "deploy")
            log.add("runSucceeded")
        }
        return make("run-onb-\(p)", "onboard-project", log)
    }
}
