import Foundation

/// A run as the fold of its status events: a pure value, rebuilt the same way from the same log.
public struct RunState: Sendable, Hashable {
    public var runID: String
    public var machine: String
    public var status: RunStatus
    public var phases: [PhaseState]
    /// The phase in progress, awaiting approval, or last completed.
    public var currentPhase: Int?
    public var startedAt: Date?
    public var endedAt: Date?
    public var stepMode: Bool
    /// An operator asked to cancel; the state-machine step then records the run's end.
    public var cancelRequested: Bool = false
    /// Events folded so far, including those that changed nothing.
    public var eventCount: Int
    /// Where each job sits, by name; built once from the definition.
    let jobIndex: [String: JobRef]
    let phaseIndex: [String: Int]

    struct JobRef: Sendable, Hashable { var phase: Int; var job: Int }

    /// The state before any event: every phase and job pending.
    public init(runID: String, definition: MachineDefinition, stepMode: Bool? = nil) {
        self.runID = runID
        machine = definition.name
        status = .pending
        phases = definition.phases.map { phase in
            PhaseState(name: phase.name, status: .pending, jobs: phase.jobs.map { JobState(name: $0.name) })
        }
        self.stepMode = stepMode ?? definition.stepMode
        eventCount = 0
        var jobs: [String: JobRef] = [:]
        var phaseNames: [String: Int] = [:]
        for (p, phase) in definition.phases.enumerated() {
            phaseNames[phase.name] = p
            for (j, job) in phase.jobs.enumerated() { jobs[job.name] = JobRef(phase: p, job: j) }
        }
        jobIndex = jobs
        phaseIndex = phaseNames
    }

    /// The job with this name.
    public func job(_ name: String) -> JobState? {
        jobIndex[name].map { phases[$0.phase].jobs[$0.job] }
    }

    /// The phase with this name.
    public func phase(_ name: String) -> PhaseState? {
        phaseIndex[name].map { phases[$0] }
    }

    /// Every job, phase by phase.
    public var allJobs: [JobState] { phases.flatMap(\.jobs) }
}

/// One phase of a run.
public struct PhaseState: Sendable, Hashable {
    public var name: String
    public var status: PhaseStatus
    public var jobs: [JobState]
    /// Set by an approval in step mode; cleared when the phase is redriven.
    public var approved: Bool = false

    public init(name: String, status: PhaseStatus, jobs: [JobState]) {
        self.name = name; self.status = status; self.jobs = jobs
    }
}

/// One job of a run.
public struct JobState: Sendable, Hashable {
    public var name: String
    public var status: JobStatus
    /// The latest attempt started (0 before the first).
    public var attempt: Int
    /// Failed or timed-out attempts so far, which the retry policy counts.
    public var failures: Int
    /// The output tail or error of the latest attempt.
    public var lastMessage: String?
    public var startedAt: Date?
    public var endedAt: Date?
    /// When the job began waiting for its next attempt (retry backoff counts from here).
    public var waitingSince: Date?

    public init(name: String, status: JobStatus = .pending, attempt: Int = 0) {
        self.name = name; self.status = status; self.attempt = attempt; failures = 0
    }
}
