import TrotterSupport
import Logging
import PostgresNIO

/// One sweep per interval for the whole team. Time is cut into slots of `interval` on the database's clock
/// (slot = ⌊epoch / interval⌋, so every server agrees on the current one); each server asks for the current
/// slot, the one whose insert wins runs it, and its jobs are enqueued in the same transaction: if the winner
/// dies right after, the jobs are on the queue already and the others take them over.
public struct SharedSchedule: Sendable {
    let client: PostgresClient
    let queue: JobQueue
    let url: DatabaseURL
    let logger: Logger

    /// A slot this server won.
    public struct Win: Sendable, Equatable {
        public var schedule: String
        public var slot: Int64
        /// Ids of the jobs enqueued with it.
        public var jobIDs: [Int64]
    }

    /// Claims the current slot of `schedule` for `server`.
    /// - Parameter jobs: the slot's work (e.g. one job per project), enqueued only if this server wins.
    /// - Returns: the win, or nil when another server had the slot already.
    public func claimCurrentSlot(_ schedule: String, every interval: Duration, by server: String,
                                 jobs: @Sendable (Int64) -> [NewJob] = { _ in [] }) async throws -> Win? {
        let milliseconds = Int64(interval.inSeconds * 1000)
        precondition(milliseconds > 0, "a schedule's interval must be positive")
        do {
            return try await client.withTransaction(logger: logger) { connection -> Win? in
                let rows = try await connection.query("""
                    INSERT INTO coordination_schedule_slots (schedule, slot, claimed_by)
                    VALUES (\(schedule), floor(extract(epoch FROM clock_timestamp()) * 1000 / \(milliseconds))::bigint, \(server))
                    ON CONFLICT (schedule, slot) DO NOTHING RETURNING slot
                    """, logger: logger)
                var won: Int64?
                for try await slot in rows.decode(Int64.self) { won = slot }
                guard let won else { return nil }
                let ids = try await JobQueue.enqueue(jobs(won), on: connection, logger: logger)
                return Win(schedule: schedule, slot: won, jobIDs: ids)
            }
        } catch {
            throw PostgresErrorMapping.map(error, url: url, doing: "claiming a schedule slot")
        }
    }

    /// Who won each slot of `schedule`, oldest first.
    public func winners(_ schedule: String) async throws -> [(slot: Int64, server: String)] {
        do {
            let rows = try await client.query("""
                SELECT slot, claimed_by FROM coordination_schedule_slots WHERE schedule = \(schedule) ORDER BY slot
                """, logger: logger)
            var winners: [(slot: Int64, server: String)] = []
            for try await (slot, server) in rows.decode((Int64, String).self) { winners.append((slot, server)) }
            return winners
        } catch {
            throw PostgresErrorMapping.map(error, url: url, doing: "reading schedule slots")
        }
    }

    /// Forgets slots older than `age` (they only guard against a second sweep of the same interval).
    public func prune(olderThan age: Duration) async throws {
        do {
            try await client.query("""
                DELETE FROM coordination_schedule_slots
                WHERE claimed_at < now() - make_interval(secs => \(age.inSeconds))
                """, logger: logger)
        } catch {
            throw PostgresErrorMapping.map(error, url: url, doing: "pruning schedule slots")
        }
    }
}
