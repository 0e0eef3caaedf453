import Foundation

/// What a status event says happened.
public enum StatusEventKind: String, Sendable, Hashable, Codable, CaseIterable {
    case runStarted
    case awaitingApproval, approved
    case phaseStarted, phaseSkipped, phaseCompleted
    case jobStarted, jobSucceeded, jobFailed, jobTimedOut, jobRetrying, jobSkipped, jobCancelled
    /// The process running an attempt died before the attempt reported; a new attempt replaces it.
    case jobInterrupted
    case retryRequested, cancelRequested
    case runFinished

    /// Kinds that report the outcome of one job attempt (what executors and remote ends send).
    public var isJobOutcome: Bool {
        self == .jobSucceeded || self == .jobFailed || self == .jobTimedOut
    }
}

/// One entry of a run's append-only status log (table `statuses`). `id` is unique: appending the same event twice
/// is a no-op. `seq` is the log order, assigned by the store when the event is appended (0 before).
public struct StatusEvent: Sendable, Codable, Hashable {
    public var id: String
    public var runID: String
    public var seq: Int64
    public var at: Date
    public var kind: StatusEventKind
    public var phase: String?
    public var job: String?
    public var attempt: Int?
    public var detail: String?

    public init(id: String, runID: String, seq: Int64 = 0, at: Date = Date(), kind: StatusEventKind,
                phase: String? = nil, job: String? = nil, attempt: Int? = nil, detail: String? = nil) {
        self.id = id; self.runID = runID; self.seq = seq; self.at = at; self.kind = kind
        self.phase = phase; self.job = job; self.attempt = attempt; self.detail = detail
    }
}
