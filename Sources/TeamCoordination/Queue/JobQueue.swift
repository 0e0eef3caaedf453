import TrotterSupport
import Logging
import PostgresNIO

/// The team's work queue. Each job is claimed by exactly one server at a time (`FOR UPDATE SKIP LOCKED`), for a
/// lease it renews by `heartbeat`; every write presents the claim's fencing token and is refused once a later
/// claim bumped it. A job whose lease ran out (its server died or paused) is claimed again by whoever asks next;
/// a finished job (done or failed) is never claimed again.
public struct JobQueue: Sendable {
    /// The default lease: long enough for a heartbeat every `lease / 3` to survive a slow query, short enough that a
    /// dead server's work moves within seconds.
    public static let defaultLease: Duration = .seconds(5)
    /// The lane of jobs enqueued without one.
    public static let defaultLane = "default"

    let client: PostgresClient
    let url: DatabaseURL
    let logger: Logger

    /// Adds jobs (an existing `(runID, key)` is left as it is) and notifies listeners of the new ids.
    /// - Returns: the ids of the jobs this call added.
    @discardableResult
    public func enqueue(_ jobs: [NewJob]) async throws -> [Int64] {
        guard !jobs.isEmpty else { return [] }
        return try await run("enqueueing jobs") {
            try await client.withTransaction(logger: logger) { connection in
                try await Self.enqueue(jobs, on: connection, logger: logger)
            }
        }
    }

    /// Claims up to `limit` jobs for `server`: the oldest queued ones and those whose lease has expired; of `lane`
    /// only when given.
    public func claim(by server: String, limit: Int = 1, lease: Duration = defaultLease,
                      lane: String? = nil) async throws -> [ClaimedJob] {
        try await claimReporting(by: server, limit: limit, lease: lease, lane: lane).claimed
    }

    /// ``claim(by:limit:lease:lane:)``, and the jobs this call failed for good on the way: a job whose server
    /// keeps dying with it (its lease expired at its last attempt) fails instead of being taken over forever. Their
    /// holders never report, so the caller says so (the team's queue records the attempt as failed in its run).
    public func claimReporting(by server: String, limit: Int = 1, lease: Duration = defaultLease,
                               lane: String? = nil) async throws -> (claimed: [ClaimedJob], abandoned: [ClaimedJob]) {
        try await run("claiming jobs") {
            let expired = try await client.query("""
                UPDATE coordination_jobs SET state = 'failed', finished_at = now(), lease_until = NULL,
                    result = 'lease expired on its last attempt (' || claimed_by || ')'
                WHERE state = 'claimed' AND lease_until < now() AND attempts >= max_attempts
                RETURNING id, run_id, job_key, payload, fence, attempts, claimed_by
                """, logger: logger)
            let abandoned = try await Self.jobs(expired)
            let rows = try await client.query("""
                WITH next AS (
                    SELECT id, CASE WHEN state = 'claimed' THEN claimed_by END AS previous
                    FROM coordination_jobs
                    WHERE ((state = 'queued' AND available_at <= now()) OR (state = 'claimed' AND lease_until < now()))
                        AND (\(lane)::text IS NULL OR lane = \(lane))
                    ORDER BY id LIMIT \(limit)
                    FOR UPDATE SKIP LOCKED)
                UPDATE coordination_jobs AS j
                SET state = 'claimed', fence = j.fence + 1, attempts = j.attempts + 1, claimed_by = \(server),
                    lease_until = now() + make_interval(secs => \(lease.inSeconds))
                FROM next WHERE j.id = next.id
                RETURNING j.id, j.run_id, j.job_key, j.payload, j.fence, j.attempts, next.previous
                """, logger: logger)
            return (try await Self.jobs(rows), abandoned)
        }
    }

    private static func jobs(_ rows: PostgresRowSequence) async throws -> [ClaimedJob] {
        var jobs: [ClaimedJob] = []
        for try await (id, runID, key, payload, fence, attempt, previous)
            in rows.decode((Int64, String, String, String, Int64, Int, String?).self) {
            jobs.append(ClaimedJob(id: id, runID: runID, key: key, payload: payload, fence: fence, attempt: attempt, takenOverFrom: previous))
        }
        return jobs.sorted { $0.id < $1.id }
    }

    /// Renews the lease.
    /// - Throws: `CoordinationError.staleFence` when another server has claimed the job since: stop working on it.
    public func heartbeat(_ job: ClaimedJob, lease: Duration = defaultLease) async throws {
        try await fenced(job, "renewing the lease of") {
            try await client.query("""
                UPDATE coordination_jobs SET lease_until = now() + make_interval(secs => \(lease.inSeconds))
                WHERE id = \(job.id) AND fence = \(job.fence) AND state = 'claimed' RETURNING id
                """, logger: logger)
        }
    }

    /// Marks the job done with its result and notifies `done:<run id>`.
    /// - Throws: `CoordinationError.staleFence` (nothing is written) when another server holds the job now.
    public func complete(_ job: ClaimedJob, result: String = "") async throws {
        try await fenced(job, "completing") {
            try await client.query("""
                WITH finished AS (
                    UPDATE coordination_jobs SET state = 'done', result = \(result), finished_by = claimed_by,
                        finished_at = now(), lease_until = NULL
                    WHERE id = \(job.id) AND fence = \(job.fence) AND state = 'claimed' RETURNING id, run_id)
                SELECT id, pg_notify(\(ChangeNotice.channel), 'done:' || run_id) FROM finished
                """, logger: logger)
        }
    }

    /// Records a failure: back on the queue after `retryAfter` while attempts remain and `retry` is true,
    /// otherwise failed for good.
    /// - Returns: true when the job went back on the queue.
    /// - Throws: `CoordinationError.staleFence` (nothing is written) when another server holds the job now.
    @discardableResult
    public func fail(_ job: ClaimedJob, message: String, retry: Bool = true, retryAfter: Duration = .seconds(1)) async throws -> Bool {
        let row = try await fenced(job, "failing") {
            try await client.query("""
                WITH next AS (
                    SELECT id, \(retry) AND attempts < max_attempts AS again FROM coordination_jobs
                    WHERE id = \(job.id) AND fence = \(job.fence) AND state = 'claimed' FOR UPDATE)
                UPDATE coordination_jobs AS j SET
                    state = CASE WHEN next.again THEN 'queued' ELSE 'failed' END,
                    available_at = now() + make_interval(secs => \(retryAfter.inSeconds)),
                    finished_by = CASE WHEN next.again THEN NULL ELSE j.claimed_by END,
                    finished_at = CASE WHEN next.again THEN NULL ELSE now() END,
                    lease_until = NULL, result = \(message)
                FROM next WHERE j.id = next.id RETURNING next.again
                """, logger: logger)
        }
        return try row.decode(Bool.self)
    }

    /// Gives the job back unfinished (a server shutting down cleanly): queued again at once, this attempt not counted.
    public func release(_ job: ClaimedJob) async throws {
        try await fenced(job, "releasing") {
            try await client.query("""
                UPDATE coordination_jobs SET state = 'queued', lease_until = NULL, attempts = greatest(attempts - 1, 0)
                WHERE id = \(job.id) AND fence = \(job.fence) AND state = 'claimed' RETURNING id
                """, logger: logger)
        }
    }

    /// How a run's jobs stand.
    public func counts(runID: String) async throws -> JobCounts {
        try await run("counting jobs") {
            let rows = try await client.query(
                "SELECT state, count(*) FROM coordination_jobs WHERE run_id = \(runID) GROUP BY state", logger: logger)
            var counts = JobCounts()
            for try await (state, count) in rows.decode((String, Int).self) {
                switch state {
                case "queued": counts.queued = count
                case "claimed": counts.claimed = count
                case "done": counts.done = count
                default: counts.failed = count
                }
            }
            return counts
        }
    }

    /// Every job's row, oldest first; all runs when `runID` is nil.
    public func records(runID: String? = nil) async throws -> [JobRecord] {
        try await run("reading jobs") {
            let rows = try await client.query("""
                SELECT id, run_id, job_key, state, fence, attempts, claimed_by, finished_by, result
                FROM coordination_jobs WHERE \(runID)::text IS NULL OR run_id = \(runID) ORDER BY id
                """, logger: logger)
            var records: [JobRecord] = []
            for try await (id, run, key, state, fence, attempts, claimedBy, finishedBy, result)
                in rows.decode((Int64, String, String, String, Int64, Int, String?, String?, String?).self) {
                records.append(JobRecord(id: id, runID: run, key: key, state: state, fence: fence, attempts: attempts,
                                         claimedBy: claimedBy, finishedBy: finishedBy, result: result))
            }
            return records
        }
    }

    // MARK: - Plumbing

    static func enqueue(_ jobs: [NewJob], on connection: PostgresConnection, logger: Logger) async throws -> [Int64] {
        let rows = try await connection.query("""
            INSERT INTO coordination_jobs (run_id, job_key, payload, max_attempts, lane)
            SELECT * FROM unnest(\(jobs.map(\.runID))::text[], \(jobs.map(\.key))::text[],
                                 \(jobs.map(\.payload))::text[], \(jobs.map { Int32($0.maxAttempts) })::int4[],
                                 \(jobs.map(\.lane))::text[])
            ON CONFLICT (run_id, job_key) DO NOTHING RETURNING id
            """, logger: logger)
        var ids: [Int64] = []
        for try await id in rows.decode(Int64.self) { ids.append(id) }
        ids.sort()
        // Delivered at commit, so a listener never hears of a job it cannot see yet.
        for payload in ChangeNotice(topic: "jobs", ids: ids.map(String.init)).payloads() {
            try await connection.query("SELECT pg_notify(\(ChangeNotice.channel), \(payload))", logger: logger)
        }
        return ids
    }

    /// Runs a fenced write: the query returns a row when it wrote, none when the fence was stale.
    @discardableResult
    private func fenced(_ job: ClaimedJob, _ what: String,
                        _ body: () async throws -> PostgresRowSequence) async throws -> PostgresRow {
        let written: PostgresRow? = try await run("\(what) job \(job.id)") {
            for try await row in try await body() { return row }
            return nil
        }
        guard let written else {
            throw CoordinationError(.staleFence, "Job \(job.id) (\(job.runID)/\(job.key)) is no longer held with fence \(job.fence): another server claimed it after this one's lease expired; nothing was written.")
        }
        return written
    }

    private func run<T>(_ what: String, _ body: () async throws -> T) async throws -> T {
        do { return try await body() } catch {
            throw PostgresErrorMapping.map(error, url: url, doing: what)
        }
    }
}
