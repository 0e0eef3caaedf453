import Foundation
import TrotterStore
import TrotterSupport

/// The team's schedule slots (`schedule_slots`): one row per schedule, its next due time. Claiming is one write
/// transaction, and store writers are serialized (on PostgreSQL across every server), so of all the servers that
/// find a slot due, exactly one claims it.
extension ManagerStore {
    /// Claims `name` when it is due (or new), moving it one `interval` on from now.
    /// - Parameter by: who claims it, kept beside the slot for the operator's eye.
    /// - Returns: whether this call claimed it, and when the slot is next due.
    func claimSlot(_ name: String, interval: Duration, by owner: String = ManagerStore.processName,
                   now: Date = Date()) async throws -> (claimed: Bool, nextDue: Date) {
        let seconds = interval.inSeconds
        let t = now.timeIntervalSince1970
        return try await db.write { db in
            let due = try Double.fetchOne(db, sql: "SELECT due_at FROM schedule_slots WHERE name = ?", arguments: [name])
            if let due, due > t { return (false, Date(timeIntervalSince1970: due)) }
            try db.execute(sql: """
                INSERT INTO schedule_slots (name, due_at, claimed_by) VALUES (?, ?, ?)
                ON CONFLICT (name) DO UPDATE SET due_at = excluded.due_at, claimed_by = excluded.claimed_by
                """, arguments: [name, t + seconds, owner])
            return (true, Date(timeIntervalSince1970: t + seconds))
        }
    }

    /// `host:pid`, to tell servers apart in the slot table.
    static let processName = "\(ProcessInfo.processInfo.hostName):\(ProcessInfo.processInfo.processIdentifier)"
}
