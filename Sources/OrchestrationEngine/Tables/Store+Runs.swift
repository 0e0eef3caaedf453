import Foundation
import GRDB
import Orchestration
import TrotterStore

/// A stored run: its summary and the definition it runs.
struct RunRecord: Sendable {
    var summary: RunSummary
    var definition: MachineDefinition
    /// The process driving the run, if any was recorded, and its engine's token.
    var ownerPID: Int32?
    var ownerToken: String?
    /// Until when the owner holds the run (lease mode: several servers on one database); nil otherwise.
    var ownerLeaseUntil: Double?
}

extension Store {
    static func insertRun(id: String, definition: MachineDefinition, stepMode: Bool, ownerToken: String,
                          leaseUntil: Double?, _ db: SQLDatabase) throws {
        let now = Date().timeIntervalSince1970
        try db.execute(sql: """
            INSERT INTO runs (id, machine, definition, step_mode, status, created_at, updated_at, owner_pid, owner_token,
                owner_lease_until)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [id, definition.name, definition.jsonData(), stepMode, RunStatus.pending.rawValue, now, now,
                             ProcessInfo.processInfo.processIdentifier, ownerToken, leaseUntil])
    }

    /// The newest run of `machine` that has not ended, if any.
    static func unfinishedRun(machine: String, _ db: SQLDatabase) throws -> String? {
        let unfinished = RunStatus.allCases.filter { !$0.isFinished }.map { "'\($0.rawValue)'" }.joined(separator: ", ")
        return try String.fetchOne(db, sql: """
            SELECT id FROM runs WHERE machine = ? AND status IN (\(unfinished)) ORDER BY created_at DESC, id DESC LIMIT 1
            """, arguments: [machine])
    }

    static func run(id: String, _ db: SQLDatabase) throws -> RunRecord? {
        guard let row = try SQLRow.fetchOne(db.cachedStatement(sql: "SELECT * FROM runs WHERE id = ?"), arguments: [id]) else { return nil }
        return try record(row)
    }

    static func setOwner(runID: String, token: String?, leaseUntil: Double? = nil, _ db: SQLDatabase) throws {
        try db.execute(sql: "UPDATE runs SET owner_pid = ?, owner_token = ?, owner_lease_until = ? WHERE id = ?",
                       arguments: [token == nil ? nil : ProcessInfo.processInfo.processIdentifier, token, leaseUntil, runID])
    }

    /// The fence of lease mode, checked inside each write of a run's driver: a server that paused past its lease
    /// and wakes finds another owner and writes nothing.
    static func checkOwner(runID: String, token: String, _ db: SQLDatabase) throws {
        let owner = try String.fetchOne(db.cachedStatement(sql: "SELECT owner_token FROM runs WHERE id = ?"), arguments: [runID])
        guard owner == token else {
            throw EngineError(.ownedElsewhere, "run \(runID) was taken over by another server while this one was not renewing its lease")
        }
    }

    /// Now on the database's clock (PostgreSQL's, shared by every server, so leases do not depend on the servers'
    /// clocks agreeing); this process's clock on SQLite, where every process shares the machine's.
    static func databaseNow(_ db: SQLDatabase) throws -> Double {
        guard db.dialect == .postgres else { return Date().timeIntervalSince1970 }
        return try Double.fetchOne(db, sql: "SELECT EXTRACT(EPOCH FROM clock_timestamp())::float8") ?? Date().timeIntervalSince1970
    }

    /// Renews the lease of every run `token` owns. - Returns: how many it still owns.
    static func renewLeases(token: String, until: Double, _ db: SQLDatabase) throws -> Int {
        try db.execute(sql: "UPDATE runs SET owner_lease_until = ? WHERE owner_token = ?", arguments: [until, token])
        return db.changesCount
    }

    /// Unfinished runs whose owner's lease ran out (their server died or paused): theirs to take over.
    static func orphanedRuns(now: Double, _ db: SQLDatabase) throws -> [String] {
        let unfinished = RunStatus.allCases.filter { !$0.isFinished }.map { "'\($0.rawValue)'" }.joined(separator: ", ")
        return try String.fetchAll(db, sql: """
            SELECT id FROM runs WHERE status IN (\(unfinished)) AND owner_token IS NOT NULL AND owner_lease_until < ?
            ORDER BY created_at
            """, arguments: [now])
    }

    /// Keeps the run's row (what `runs list` and the Runs pane read) in step with its folded state.
    static func setSummary(_ state: RunState, _ db: SQLDatabase) throws {
        let phase = state.currentPhase.map { state.phases[$0].name }
        try db.cachedStatement(sql: """
            UPDATE runs SET status = ?, current_phase = ?, started_at = ?, ended_at = ?, updated_at = ? WHERE id = ?
            """).execute(arguments: [state.status.rawValue, phase, state.startedAt?.timeIntervalSince1970,
                             state.endedAt?.timeIntervalSince1970, Date().timeIntervalSince1970, state.runID])
    }

    /// Every run, newest first. Summaries only: the listing is read on every run change, so it must not
    /// parse each run's definition (a sweep's lists every project).
    public func runs() async throws -> [RunSummary] {
        try await runs(changedAfter: nil).runs
    }

    /// The runs whose logs grew after `seq` (every run when nil), newest first, and the log's newest seq as of
    /// the same read, for the next call. A summary changes only in a transaction that appends to its run's log,
    /// and seqs commit in order, so what changed after `seq` is exactly these: a dashboard's refresh reads the
    /// runs that moved, not the thousands an organisation's import leaves behind.
    public func runs(changedAfter seq: Int64?) async throws -> (runs: [RunSummary], newest: Int64) {
        try await read { db in
            let newest = try Int64.fetchOne(db.cachedStatement(sql: "SELECT COALESCE(MAX(seq), 0) FROM statuses")) ?? 0
            if let seq, seq >= newest { return ([], newest) }
            let columns = """
                SELECT id, machine, status, current_phase, started_at, ended_at, step_mode,
                       (SELECT MAX(seq) FROM statuses WHERE run_id = runs.id) AS last_seq
                FROM runs
                """
            let rows = if let seq {
                try SQLRow.fetchAll(db.cachedStatement(sql: columns + """
                     WHERE id IN (SELECT DISTINCT run_id FROM statuses WHERE seq > ?) ORDER BY created_at DESC, id DESC
                    """), arguments: [seq])
            } else {
                try SQLRow.fetchAll(db.cachedStatement(sql: columns + " ORDER BY created_at DESC, id DESC"))
            }
            return (rows.map(Self.summary), newest)
        }
    }

    private static func summary(_ row: SQLRow) -> RunSummary {
        let startedAt: Double? = row["started_at"], endedAt: Double? = row["ended_at"], lastSeq: Int64? = row["last_seq"]
        return RunSummary(id: row["id"], machine: row["machine"], status: row["status"],
                          currentPhase: row["current_phase"],
                          startedAt: startedAt.map(Date.init(timeIntervalSince1970:)),
                          endedAt: endedAt.map(Date.init(timeIntervalSince1970:)),
                          stepMode: row["step_mode"], lastSeq: lastSeq ?? 0)
    }

    private static func record(_ row: SQLRow) throws -> RunRecord {
        let json: Data = row["definition"]
        let definition = try MachineDefinition.parse(json: json)
        return RunRecord(summary: summary(row), definition: definition, ownerPID: row["owner_pid"], ownerToken: row["owner_token"],
                         ownerLeaseUntil: row["owner_lease_until"])
    }
}
