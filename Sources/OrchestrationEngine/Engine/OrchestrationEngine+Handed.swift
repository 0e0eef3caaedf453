import Foundation
import Orchestration
public import TrotterStore

/// Attempts handed to the team's queue by a run's driver (on any server) and claimed by this one.
extension OrchestrationEngine {
    /// Runs a claimed attempt with this engine's own executors, within the job's timeout, and appends its outcome
    /// event in one transaction with `fence`, the claim's check: a server whose claim was taken over while it ran
    /// (it paused past its lease) writes nothing, and the outcome of the server that took it over stands.
    ///
    /// An attempt whose outcome is already in the log (recorded just before a takeover of its claim) is not run
    /// again; one whose run ends meanwhile (cancelled) is stopped, as the driver stops its own attempts.
    /// - Returns: a line for the queue's record of the claim.
    /// - Throws: what `fence` throws when the claim is lost; `CancellationError` when this server stops (the queue
    ///   gives the claim back and another server runs the attempt).
    public func runHanded(_ invocation: JobInvocation,
                          fence: @escaping @Sendable (SQLDatabase) throws -> Void) async throws -> String {
        let (runID, outcomeID) = (invocation.runID, invocation.outcomeEventID)
        let (ended, reported) = try await store.read { db in
            (try Self.runEnded(runID, db),
             try Int.fetchOne(db, sql: "SELECT count(*) FROM statuses WHERE id = ?", arguments: [outcomeID]) ?? 0 > 0)
        }
        if reported { return "already reported" }
        if ended { return "not run: the run had ended" }
        let executor = executors.executor(for: invocation.run)
        let store = store
        let result = await withTaskGroup(of: AttemptRunner.Result?.self) { group in
            group.addTask { await AttemptRunner.run(invocation, executor: executor, timeout: invocation.timeout) }
            group.addTask {
                // The run's end (a cancel, most often) stops the attempt: one indexed read a second while it runs.
                while !Task.isCancelled {
                    try? await Task.sleep(for: .seconds(1))
                    if (try? await store.read({ db in try Self.runEnded(runID, db) })) == true { break }
                }
                return nil
            }
            let first = await group.next() ?? nil
            group.cancelAll()
            return first
        }
        // Stopping (shutdown, or the claim lost): record nothing; the attempt is the next claimer's.
        try Task.checkCancellation()
        guard let result else { return "stopped: the run ended" }
        guard let event = result.event(for: invocation) else { return "accepted: its remote end reports" }
        let stored = try await store.write { db in
            try fence(db)
            return try Store.insert(event, db)
        }
        poke(runID)
        return stored == nil ? "already reported" : "\(event.kind.rawValue)"
    }

    /// True when the run has ended: one indexed read of its status.
    private static func runEnded(_ runID: String, _ db: SQLDatabase) throws -> Bool {
        guard let raw = try String.fetchOne(db.cachedStatement(sql: "SELECT status FROM runs WHERE id = ?"), arguments: [runID]),
              let status = RunStatus(rawValue: raw) else { return true }
        return status.isFinished
    }
}
