import DashboardModel
import Foundation

/// One job as the inspector shows it at some event.
public struct InspectorJob: Sendable, Hashable {
    public var name: String
    /// A `JobStatus` raw value: pending, running, retrying, succeeded, failed, timedOut, skipped, cancelled.
    public var status: String
    public var attempt: Int
    public var message: String?

    public init(name: String, status: String, attempt: Int = 0, message: String? = nil) {
        self.name = name; self.status = status; self.attempt = attempt; self.message = message
    }
}

/// One phase and its jobs at some event.
public struct InspectorPhase: Sendable, Hashable {
    public var name: String
    /// A `PhaseStatus` raw value: pending, awaitingApproval, running, succeeded, failed, skipped, cancelled.
    public var status: String
    public var jobs: [InspectorJob]

    public init(name: String, status: String, jobs: [InspectorJob]) {
        self.name = name; self.status = status; self.jobs = jobs
    }
}

/// One line of the event history: the manager's event record as it is.
public typealias InspectorEvent = RunEventRecord

/// The run inspector's data: the event history and the run's state as of any event, folded from the nearest
/// checkpoint (as the engine's `RunInspector` does). Keeping one state per event made memory grow with
/// events × jobs: a sweep of 1,000 projects logs ~3,000 events over 1,000 jobs.
public struct InspectorModel: Sendable, Hashable {
    public static let checkpointInterval = 64

    public var runID: String
    public var machine: String
    public var stepMode: Bool
    public let events: [InspectorEvent]
    /// `checkpoints[i]` is the state after `i * checkpointInterval` events; `checkpoints[0]` the state before any.
    let checkpoints: [InspectorRunState]

    public init(runID: String, machine: String, stepMode: Bool, events: [InspectorEvent], initial: InspectorRunState) {
        self.runID = runID; self.machine = machine; self.stepMode = stepMode
        self.events = events
        var checkpoints = [initial]
        var state = initial
        for (i, event) in events.enumerated() {
            InspectorFold.apply(event, to: &state)
            if (i + 1) % Self.checkpointInterval == 0 { checkpoints.append(state) }
        }
        self.checkpoints = checkpoints
    }

    /// The state before any event.
    public var initial: InspectorRunState { checkpoints[0] }

    /// The state as of event `index`, i.e. after it (clamped); the initial state when there are no events.
    /// Folds at most `checkpointInterval - 1` events.
    public func state(at index: Int) -> InspectorRunState {
        guard !events.isEmpty else { return initial }
        let folded = max(0, min(events.count - 1, index)) + 1
        let checkpoint = folded / Self.checkpointInterval
        var state = checkpoints[checkpoint]
        for event in events[(checkpoint * Self.checkpointInterval)..<folded] { InspectorFold.apply(event, to: &state) }
        return state
    }
}

/// The run's status and phases at one point of its history.
public struct InspectorRunState: Sendable, Hashable {
    /// A `RunStatus` raw value.
    public var status: String
    public var phases: [InspectorPhase]

    public init(status: String, phases: [InspectorPhase]) {
        self.status = status; self.phases = phases
    }
}
