import DashboardModel
import Orchestration

/// What the inspector's right side shows.
public enum InspectorMode: Sendable, Hashable {
    case events, timeline, why
}

/// A line the operator types in the inspector.
public enum InspectorPrompt: Sendable, Hashable {
    /// `g`: an event number.
    case goTo(String)
    /// `b`: empty for the selected job, else an event kind.
    case breakpoint(String)

    public var text: String {
        switch self { case .goTo(let t), .breakpoint(let t): t }
    }

    func with(_ text: String) -> InspectorPrompt {
        switch self {
        case .goTo: .goTo(text)
        case .breakpoint: .breakpoint(text)
        }
    }
}

/// Go to, breakpoints and runs to the next hit.
extension InspectorState {
    /// The job selected (↑ ↓), by name.
    public var selectedJobName: String? {
        let jobs = flatJobs
        return selectedJob < jobs.count ? jobs[selectedJob].job.name : nil
    }

    /// Adds the breakpoint, or removes it when it is set. - Returns: whether it is now set.
    mutating func toggle(_ b: Breakpoint) -> Bool {
        if let i = breakpoints.firstIndex(of: b) { breakpoints.remove(at: i); return false }
        breakpoints.append(b)
        return true
    }

    /// Runs forward (or back) to the next event that hits a breakpoint; stops following.
    /// - Returns: the hit, or nil when there is none that way (the cursor stays).
    mutating func runToBreakpoint(forward: Bool) -> (event: Int, hit: Breakpoint)? {
        guard let hit = index.next(after: cursor, forward: forward, breakpoints) else { return nil }
        follow = false
        move(to: hit.event)
        return hit
    }

    /// The event at number `k` (1-based) as one line, for status messages.
    func eventLine(_ k: Int) -> String {
        guard k >= 1, k <= eventCount else { return "event \(k)" }
        return EventText.line(events[k - 1], number: k)
    }
}
