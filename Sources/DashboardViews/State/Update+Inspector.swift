import DashboardModel
import Foundation
import Orchestration

/// Keys of the run inspector. Returns nil for keys it does not use, so pane keys (1-4, ?, q …) still work.
extension Update {
    static func inspectorKey(_ s: inout AppState, _ key: Key) -> [Effect]? {
        guard var ins = s.inspector else { return nil }
        defer { if s.inspector != nil { s.inspector = ins } }
        if let prompt = ins.prompt {
            promptKey(&s, &ins, prompt, key)
            return []
        }
        switch key {
        case .escape where ins.mode != .events:
            ins.mode = .events  // back one level: the timeline or why view first
        case .escape, .char("q"), .function(10):
            s.inspector = nil
            return []
        case .left, .char("h"): ins.step(by: -1)
        case .right, .char("l"): ins.step(by: 1)
        case .home: ins.jump(toEnd: false)
        case .end, .char("G"): ins.jump(toEnd: true)
        case .up, .char("k"): ins.selectedJob = max(0, ins.selectedJob - 1)
        case .down, .char("j"): ins.selectedJob = max(0, min(ins.flatJobs.count - 1, ins.selectedJob + 1))
        case .char("t"): ins.mode = ins.mode == .timeline ? .events : .timeline
        case .char("w"), .enter: ins.mode = ins.mode == .why ? .events : .why
        case .char("g"): ins.prompt = .goTo("")
        case .char("b"): ins.prompt = .breakpoint("")
        case .char("B"):
            ins.breakpoints = []
            s.status = StatusMessage(.info, "Breakpoints cleared.")
        case .char("n"), .char("N"):
            let forward = key == .char("n")
            guard !ins.breakpoints.isEmpty else {
                s.status = StatusMessage(.warning, "No breakpoint set: b sets one on the selected job or on an event kind.")
                return []
            }
            if let hit = ins.runToBreakpoint(forward: forward) {
                s.status = StatusMessage(.info, "Breakpoint \(hit.hit): \(ins.eventLine(hit.event))")
            } else {
                s.status = StatusMessage(.info, "No breakpoint hit \(forward ? "after" : "before") event \(ins.cursor).")
            }
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
        case .char("/"), .char("<"), .char(">"), .char("I"), .function(6), .pageUp, .pageDown,
             .char("y"), .wheelUp, .wheelDown, .click:
            return []  // table keys mean nothing here
        default:
            return nil
        }
        return []
    }

    /// A line typed for `g` (event number) or `b` (empty: the selected job; else an event kind).
    static func promptKey(_ s: inout AppState, _ ins: inout InspectorState, _ prompt: InspectorPrompt, _ key: Key) {
        var text = prompt.text
        switch key {
        case .escape: ins.prompt = nil; return
        case .backspace: if !text.isEmpty { text.removeLast() }
        case .ctrl("u"): text = ""
        case .char(let c): text.append(c)
        case .enter:
            ins.prompt = nil
            switch prompt {
            case .goTo:
                guard let k = Int(text.trimmingCharacters(in: .whitespaces)), k >= 0 else {
                    s.status = StatusMessage(.warning, "Type an event number from 0 to \(ins.eventCount), then Enter.")
                    return
                }
                ins.follow = false
                ins.move(to: k)
                s.status = StatusMessage(.info, ins.cursor == 0 ? "Before the first event." : ins.eventLine(ins.cursor))
            case .breakpoint:
                let typed = text.trimmingCharacters(in: .whitespaces)
                let b: Breakpoint
                if typed.isEmpty {
                    guard let job = ins.selectedJobName else {
                        s.status = StatusMessage(.warning, "No job selected: ↑ ↓ selects one, or type an event kind after b.")
                        return
                    }
                    b = .job(job)
                } else if let kind = Breakpoint.kind(named: typed) {
                    b = .kind(kind)
                } else {
                    let kinds = StatusEventKind.allCases.map(\.rawValue).joined(separator: ", ")
                    s.status = StatusMessage(.warning, "No event kind \"\(typed)\"; one of: \(kinds).")
                    return
                }
                let set = ins.toggle(b)
                s.status = StatusMessage(.info, set ? "Breakpoint on \(b): n / N run to the next / previous hit."
                                                    : "Breakpoint on \(b) removed.")
            }
            return
        default: return
        }
        ins.prompt = prompt.with(text)
    }
}
