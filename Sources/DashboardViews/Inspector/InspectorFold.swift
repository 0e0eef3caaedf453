import DashboardModel

/// Folds a run's event records into the inspector's state, in order. Kinds are matched by
/// name (`phaseStarted`, `jobFailed`, `runSucceeded`, …); unknown kinds stay in the history and change
/// nothing, so the view never breaks on an engine that has learned a new event.
public enum InspectorFold {
    public static func model(runID: String, machine: String, stepMode: Bool,
                             records: [RunEventRecord]) -> InspectorModel {
        InspectorModel(runID: runID, machine: machine, stepMode: stepMode, events: records,
                       initial: InspectorRunState(status: "pending", phases: []))
    }

    /// Applies one event to the state (pure).
    static func apply(_ r: RunEventRecord, to state: inout InspectorRunState) {
        let kind = r.kind.lowercased()
        if kind.hasPrefix("run") {
            if let status = runStatus(kind, detail: r.detail) { state.status = status }
            return
        }
        switch kind {
        case "cancelrequested":  // the engine's cancel: everything unfinished ends cancelled
            state.status = "cancelled"
            for p in state.phases.indices {
                if ["pending", "running", "awaitingApproval"].contains(state.phases[p].status) { state.phases[p].status = "cancelled" }
                for j in state.phases[p].jobs.indices where ["pending", "running", "retrying"].contains(state.phases[p].jobs[j].status) {
                    state.phases[p].jobs[j].status = "cancelled"
                }
            }
            return
        case "retryrequested":  // a redrive of a finished run
            state.status = "running"
            return
        default: break
        }
        guard let phaseName = r.phase else { return }
        let p = state.phases.firstIndex { $0.name == phaseName } ?? {
            state.phases.append(InspectorPhase(name: phaseName, status: "pending", jobs: []))
            return state.phases.count - 1
        }()
        if kind.hasPrefix("phase") || kind.hasPrefix("approv") || kind.hasPrefix("awaiting") {
            switch kind {
            case "phasestarted", "phaseapproved": state.phases[p].status = "running"
                if state.status == "pending" || state.status == "awaitingApproval" { state.status = "running" }
            case "approved": state.phases[p].status = "pending"; state.status = "running"
            case "phaseawaitingapproval", "awaitingapproval":
                state.phases[p].status = "awaitingApproval"; state.status = "awaitingApproval"
            case "phasesucceeded": state.phases[p].status = "succeeded"
            case "phasecompleted":  // the engine's outcome is implied by the jobs (as its fold does)
                let jobs = state.phases[p].jobs
                if jobs.contains(where: { ["failed", "timedOut"].contains($0.status) }) { state.phases[p].status = "failed" }
                else if !jobs.isEmpty && jobs.allSatisfy({ $0.status == "skipped" }) { state.phases[p].status = "skipped" }
                else { state.phases[p].status = "succeeded" }
            case "phasefailed": state.phases[p].status = "failed"
            case "phaseskipped": state.phases[p].status = "skipped"
            case "phasecancelled": state.phases[p].status = "cancelled"
            default: break
            }
            return
        }
        guard kind.hasPrefix("job"), let jobName = r.job else { return }
        let j = state.phases[p].jobs.firstIndex { $0.name == jobName } ?? {
            state.phases[p].jobs.append(InspectorJob(name: jobName, status: "pending"))
            return state.phases[p].jobs.count - 1
        }()
        var job = state.phases[p].jobs[j]
        switch kind {
        case "jobstarted", "jobrunning":
            job.status = "running"; job.attempt += 1
            if state.phases[p].status == "pending" { state.phases[p].status = "running" }
            if state.status == "pending" { state.status = "running" }
        case "jobsucceeded": job.status = "succeeded"
        case "jobfailed": job.status = "failed"
        case "jobtimedout": job.status = "timedOut"
        case "jobretrying": job.status = "retrying"
        case "jobskipped": job.status = "skipped"
        case "jobcancelled": job.status = "cancelled"
        case "jobinterrupted": job.status = "retrying"  // the engine starts a new attempt
        default: break
        }
        if let detail = r.detail { job.message = detail }
        state.phases[p].jobs[j] = job
    }

    static func runStatus(_ kind: String, detail: String?) -> String? {
        switch kind {
        case "runfinished":  // the engine's final event carries the status in `detail`
            return ["succeeded", "failed", "cancelled"].first { $0 == detail } ?? "failed"
        case "runstarted", "runresumed": return "running"
        case "runsucceeded", "runcompleted": return "succeeded"
        case "runfailed": return "failed"
        case "runcancelled": return "cancelled"
        case "runawaitingapproval": return "awaitingApproval"
        default: return nil
        }
    }
}
