import Foundation
import GRDB
import Orchestration
import TrotterStore

/// The status log (`statuses`): append-only, deduplicated by event id, ordered by `seq`.
extension Store {
    /// Appends events in one transaction. Events whose id is already in the log are skipped.
    /// - Returns: the events actually appended, with their `seq`.
    @discardableResult
    public func append(_ events: [StatusEvent]) async throws -> [StatusEvent] {
        try await write { db in try events.compactMap { try Self.insert($0, db) } }
    }

    /// Appends a driver's events; in lease mode (`fence` set) only while its engine still owns the run, so a server
    /// that paused past its lease writes nothing when it wakes.
    @discardableResult
    func append(_ events: [StatusEvent], fence: String?) async throws -> [StatusEvent] {
        guard let fence, let runID = events.first?.runID else { return try await append(events) }
        return try await write { db in
            try Self.checkOwner(runID: runID, token: fence, db)
            return try events.compactMap { try Self.insert($0, db) }
        }
    }

    /// Appends one event; a no-op when its id is already in the log.
    /// - Returns: the event with its `seq`, or nil when it was a duplicate.
    @discardableResult
    public func append(_ event: StatusEvent) async throws -> StatusEvent? {
        try await write { db in try Self.insert(event, db) }
    }

    /// A signal each time the status log may have grown: at once after a commit through this store, within the
    /// store's `watchInterval` after another process's (or another `Store`'s) commit. Costs nothing while the
    /// stream is not iterated beyond one pragma per interval; ends its watch when the stream is dropped. Wakes may
    /// be spurious: read what you need (e.g. ``events(runID:after:)``) and compare.
    public func logChanges() -> AsyncStream<Void> {
        let (stream, continuation) = AsyncStream<Void>.makeStream(bufferingPolicy: .bufferingNewest(1))
        let id = watch.add { continuation.yield() }
        continuation.onTermination = { [watch] _ in watch.remove(id) }
        return stream
    }

    /// A run's events in log order, those after `seq` only when given.
    public func events(runID: String, after seq: Int64 = 0) async throws -> [StatusEvent] {
        try await read { db in try Self.events(runID: runID, after: seq, db) }
    }

    static func insert(_ event: StatusEvent, _ db: SQLDatabase) throws -> StatusEvent? {
        // A cached statement: appends are the hot path of a busy run (and of the durable benchmark).
        // RETURNING: the seq each backend assigned (no row when the id was a duplicate).
        let statement = try db.cachedStatement(sql: """
            INSERT OR IGNORE INTO statuses (id, run_id, at, kind, phase, job, attempt, detail)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING seq
            """)
        guard let seq = try Int64.fetchOne(statement, arguments: [
            event.id, event.runID, event.at.timeIntervalSince1970, event.kind.rawValue, event.phase, event.job,
            event.attempt, event.detail]) else { return nil }
        var stored = event
        stored.seq = seq
        return stored
    }

    static func events(runID: String, after seq: Int64, _ db: SQLDatabase) throws -> [StatusEvent] {
        let rows = try SQLRow.fetchCursor(db.cachedStatement(sql: """
            SELECT seq, id, run_id, at, kind, phase, job, attempt, detail FROM statuses
            WHERE run_id = ? AND seq > ? ORDER BY seq
            """), arguments: [runID, seq])
        var events: [StatusEvent] = []
        while let row = try rows.next() {
            // Kinds this version does not know (written by a newer trotter) are skipped rather than fatal.
            let kindName: String = row[4], at: Double = row[3]
            guard let kind = StatusEventKind(rawValue: kindName) else { continue }
            events.append(StatusEvent(id: row[1], runID: row[2], seq: row[0], at: Date(timeIntervalSince1970: at),
                                      kind: kind, phase: row[5], job: row[6], attempt: row[7], detail: row[8]))
        }
        return events
    }

    static func lastSeq(runID: String, _ db: SQLDatabase) throws -> Int64 {
        try Int64.fetchOne(db.cachedStatement(sql: "SELECT MAX(seq) FROM statuses WHERE run_id = ?"), arguments: [runID]) ?? 0
    }

    // MARK: Step cursors

    /// The last sequence number a step has fully handled for a run (0 before the first).
    static func cursor(runID: String, step: String, _ db: SQLDatabase) throws -> Int64 {
        try Int64.fetchOne(db.cachedStatement(sql: "SELECT seq FROM step_cursors WHERE run_id = ? AND step = ?"),
                           arguments: [runID, step]) ?? 0
    }

    static func setCursor(runID: String, step: String, seq: Int64, _ db: SQLDatabase) throws {
        try db.cachedStatement(sql: """
            INSERT INTO step_cursors (run_id, step, seq) VALUES (?, ?, ?)
            ON CONFLICT (run_id, step) DO UPDATE SET seq = excluded.seq
            """).execute(arguments: [runID, step, seq])
    }

    // MARK: Ledgers

    /// Records that an attempt is being started. - Returns: false when it was recorded before (never start it again).
    static func recordDispatch(runID: String, job: String, attempt: Int, at date: Date, _ db: SQLDatabase) throws -> Bool {
        try db.cachedStatement(sql: "INSERT OR IGNORE INTO dispatches (run_id, job, attempt, at) VALUES (?, ?, ?, ?)")
            .execute(arguments: [runID, job, attempt, date.timeIntervalSince1970])
        return db.changesCount > 0
    }

    /// How many attempts were ever dispatched for each job of a run.
    public func dispatchCounts(runID: String) async throws -> [String: Int] {
        try await read { db in
            let rows = try SQLRow.fetchAll(db, sql: "SELECT job, COUNT(*) FROM dispatches WHERE run_id = ? GROUP BY job",
                                        arguments: [runID])
            return Dictionary(uniqueKeysWithValues: rows.map { ($0[0] as String, $0[1] as Int) })
        }
    }

    /// Records a delivered notification. - Returns: false when it was delivered before.
    static func recordNotification(eventID: String, target: String, _ db: SQLDatabase) throws -> Bool {
        try db.cachedStatement(sql: "INSERT OR IGNORE INTO notifications (event_id, target, at) VALUES (?, ?, ?)")
            .execute(arguments: [eventID, target, Date().timeIntervalSince1970])
        return db.changesCount > 0
    }
}
