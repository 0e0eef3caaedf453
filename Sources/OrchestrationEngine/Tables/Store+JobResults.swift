import Foundation
import GRDB
import Orchestration
import TrotterStore
import TrotterSupport

extension Store {
    /// The most of a result that is kept.
    public static let resultLimit = 256 * 1024

    /// Keeps an attempt's result (its first 256 KB).
    func recordResult(runID: String, job: String, attempt: Int, result: [UInt8]) async throws {
        let kept = Data(result.prefix(Self.resultLimit))
        let truncated = result.count > Self.resultLimit
        try await write { db in
            try db.execute(sql: """
                INSERT INTO job_results (run_id, job, attempt, result, truncated) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (run_id, job, attempt) DO UPDATE SET result = excluded.result, truncated = excluded.truncated
                """,
                           arguments: [runID, job, attempt, kept, truncated])
        }
    }

    /// Every kept result of a run, by job then attempt.
    public func results(runID: String) async throws -> [JobResult] {
        try await read { db in
            try SQLRow.fetchAll(db, sql: "SELECT job, attempt, result, truncated FROM job_results WHERE run_id = ? ORDER BY job, attempt",
                             arguments: [runID])
                .map { JobResult(job: $0[0], attempt: $0[1], result: $0[2], truncated: $0[3]) }
        }
    }

    /// Remembers the task token of a callback attempt (its SHA-256 only: the store never holds the token).
    func recordCallbackToken(runID: String, job: String, attempt: Int, token: String) async throws {
        let digest = Self.tokenDigest(token)
        try await write { db in
            try db.execute(sql: """
                INSERT INTO callback_tokens (run_id, job, attempt, token_sha256) VALUES (?, ?, ?, ?)
                ON CONFLICT (run_id, job, attempt) DO UPDATE SET token_sha256 = excluded.token_sha256
                """,
                           arguments: [runID, job, attempt, digest])
        }
    }

    /// The attempt of `job` this token was issued to, if any.
    func callbackAttempt(runID: String, job: String, token: String) async throws -> Int? {
        let digest = Self.tokenDigest(token)
        return try await read { db in
            try Int.fetchOne(db, sql: "SELECT attempt FROM callback_tokens WHERE run_id = ? AND job = ? AND token_sha256 = ?",
                             arguments: [runID, job, digest])
        }
    }

    static func tokenDigest(_ token: String) -> String {
        Hex.sha256(token)
    }
}
