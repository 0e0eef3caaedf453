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

/// The run inspector's data: the event history and, for every event index, the run's state as of that
/// event. The engine's `RunInspector.state(at:)` or `InspectorFold` fills `states`.
public struct InspectorModel: Sendable, Hashable {
    public var runID: String
    public var machine: String
    public var stepMode: Bool
    public var events: [InspectorEvent]
    /// `states[i]` is the state after `events[i]`; `initial` is the state before any event.
    public var states: [InspectorRunState]
    public var initial: InspectorRunState

    public init(runID: String, machine: String, stepMode: Bool, events: [InspectorEvent],
                states: [InspectorRunState], initial: InspectorRunState) {
        self.runID = runID; self.machine = machine; self.stepMode = stepMode
        self.events = events; self.states = states; self.initial = initial
    }

    /// The state as of event `index` (clamped); the initial state when there are no events.
    public func state(at index: Int) -> InspectorRunState {
        states.isEmpty ? initial : states[max(0, min(states.count - 1, index))]
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
