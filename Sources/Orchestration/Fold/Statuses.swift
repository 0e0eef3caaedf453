/// Where a run stands.
public enum RunStatus: String, Sendable, Hashable, Codable, CaseIterable {
    case pending, running, awaitingApproval, succeeded, failed, cancelled

    /// True once the run has ended (it can still be redriven after a failure).
    public var isFinished: Bool { self == .succeeded || self == .failed || self == .cancelled }
}

/// Where one job stands; `attempt` in ``JobState`` says which attempt.
public enum JobStatus: String, Sendable, Hashable, Codable, CaseIterable {
    case pending, running, retrying, succeeded, failed, timedOut, skipped, cancelled

    /// True when the job will not move again unless an operator redrives it.
    public var isTerminal: Bool {
        switch self {
        case .succeeded, .failed, .timedOut, .skipped, .cancelled: true
        case .pending, .running, .retrying: false
        }
    }

    /// A failure for conditions and the run's final status.
    public var isFailure: Bool { self == .failed || self == .timedOut }
}

/// Where one phase stands.
public enum PhaseStatus: String, Sendable, Hashable, Codable, CaseIterable {
    case pending, awaitingApproval, running, succeeded, failed, skipped, cancelled

    public var isTerminal: Bool {
        switch self {
        case .succeeded, .failed, .skipped, .cancelled: true
        case .pending, .awaitingApproval, .running: false
        }
    }
}
