/// Keys of the run inspector. Returns nil for keys it does not use, so pane keys (1-4, ?, q …) still work.
extension Update {
    static func inspectorKey(_ s: inout AppState, _ key: Key) -> [Effect]? {
        guard var ins = s.inspector else { return nil }
        defer { if s.inspector != nil { s.inspector = ins } }
        switch key {
        case .escape, .char("q"), .function(10):
            s.inspector = nil
            return []
        case .left, .char("h"): ins.step(by: -1)
        case .right, .char("l"): ins.step(by: 1)
        case .home, .char("g"): ins.jump(toEnd: false)
        case .end, .char("G"): ins.jump(toEnd: true)
        case .up, .char("k"): ins.selectedJob = max(0, ins.selectedJob - 1)
        case .down, .char("j"): ins.selectedJob = max(0, min(ins.flatJobs.count - 1, ins.selectedJob + 1))
        case .char("f"):
            ins.follow.toggle()
            if ins.follow { ins.move(to: ins.eventCount) }
            s.status = StatusMessage(.info, ins.follow ? "Following the live end." : "Stopped following.")
        case .char("a"):
            guard ins.latest?.status == .awaitingApproval || ins.stepMode else {
                s.status = StatusMessage(.warning, "Nothing to approve: the run is not waiting for approval.")
                return []
            }
            s.status = StatusMessage(.info, "Approving the next phase…")
            return [.approve(runID: ins.runID)]
        case .char("r"):
            let jobs = ins.flatJobs
            guard ins.selectedJob < jobs.count, jobs[ins.selectedJob].job.status.isFailure else {
                s.status = StatusMessage(.warning, "Select a failed job (↑ ↓) to retry it.")
                return []
            }
            s.overlay = .confirm(.retry(runID: ins.runID, job: jobs[ins.selectedJob].job.name))
        case .char("c"):
            let status = ins.latest?.status ?? .pending
            guard !status.isFinished else {
                s.status = StatusMessage(.warning, "The run has ended (\(status.rawValue)); nothing to cancel.")
                return []
            }
            s.overlay = .confirm(.cancel(runID: ins.runID))
        case .enter, .char("/"), .char("<"), .char(">"), .char("I"), .function(6), .pageUp, .pageDown,
             .char("y"), .char("n"), .wheelUp, .wheelDown, .click:
            return []  // table keys mean nothing here
        default:
            return nil
        }
        return []
    }
}
