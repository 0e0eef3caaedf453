/// A job to put on the queue: `(runID, key)` is unique, so enqueueing the same job twice is a no-op.
public struct NewJob: Sendable, Equatable {
    public var runID: String
    public var key: String
    /// Opaque to the queue (JSON by convention). It stays in the table; notices carry ids only.
    public var payload: String
    public var maxAttempts: Int
    /// Which runners claim it (``JobRunner/lane``).
    public var lane: String

    public init(runID: String, key: String, payload: String = "", maxAttempts: Int = 3, lane: String = JobQueue.defaultLane) {
        self.runID = runID
        self.key = key
        self.payload = payload
        self.maxAttempts = maxAttempts
        self.lane = lane
    }
}

/// A job this server holds: every write about it must present `fence`, which the next claim (by anyone) bumps.
public struct ClaimedJob: Sendable, Equatable {
    public var id: Int64
    public var runID: String
    public var key: String
    public var payload: String
    public var fence: Int64
    /// 1 on the first claim; more after a takeover or a retry.
    public var attempt: Int
    /// The server whose lease expired, when this claim took the job over from it.
    public var takenOverFrom: String?
}

/// Where a run's jobs stand.
public struct JobCounts: Sendable, Equatable {
    public var queued: Int
    public var claimed: Int
    public var done: Int
    public var failed: Int

    public init(queued: Int = 0, claimed: Int = 0, done: Int = 0, failed: Int = 0) {
        self.queued = queued
        self.claimed = claimed
        self.done = done
        self.failed = failed
    }

    public var total: Int { queued + claimed + done + failed }
    /// Nothing left to claim or to finish: a run's next phase (a sweep's report) can start.
    public var isFinished: Bool { queued == 0 && claimed == 0 }
}

/// A job's row as it stands, for inspection (which server holds or finished what, with which fence).
public struct JobRecord: Sendable, Equatable {
    public var id: Int64
    public var runID: String
    public var key: String
    public var state: String
    public var fence: Int64
    public var attempts: Int
    public var claimedBy: String?
    public var finishedBy: String?
    public var result: String?
}
