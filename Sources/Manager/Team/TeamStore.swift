import DashboardModel
import Foundation
import GRDB
import TrotterStore
import TrotterSupport

/// Tokens, audit and the change feed of team mode, in the same store as everything else.
public struct TeamStore: Sendable {
    let store: Store

    public init(store: Store) { self.store = store }

    // MARK: Tokens

    /// Creates a token named `name` and returns it: the only time it is ever seen (the store keeps its SHA-256).
    public func createToken(name: String, role: TeamRole) async throws -> String {
        guard !name.isEmpty, name.count <= 64,
              name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == "." }) else {
            throw TeamStoreError("A token name is 1-64 letters, digits, '-', '_' or '.'; got \"\(name)\".")
        }
        var bytes = [UInt8](repeating: 0, count: 32)
        var rng = SystemRandomNumberGenerator()
        for i in bytes.indices { bytes[i] = UInt8.random(in: .min ... .max, using: &rng) }
        let token = "trt_" + Hex.string(bytes)
        let digest = Self.digest(token)
        try await store.write { db in
            if try Bool.fetchOne(db, sql: "SELECT 1 FROM team_tokens WHERE name = ?", arguments: [name]) == true {
                throw TeamStoreError("A token named \"\(name)\" exists already; revoke it first or pick another name.")
            }
            try db.execute(sql: "INSERT INTO team_tokens (name, role, token_sha256, created_at) VALUES (?, ?, ?, ?)",
                           arguments: [name, role.rawValue, digest, Date().timeIntervalSince1970])
        }
        return token
    }

    public func tokens() async throws -> [TeamToken] {
        try await store.read { db in
            try SQLRow.fetchAll(db, sql: "SELECT name, role, created_at, revoked_at FROM team_tokens ORDER BY name").map { row in
                TeamToken(name: row["name"], role: TeamRole(rawValue: row["role"]) ?? .viewer,
                          createdAt: row["created_at"], revokedAt: row["revoked_at"])
            }
        }
    }

    public func revoke(name: String) async throws {
        let changed = try await store.write { db in
            try db.execute(sql: "UPDATE team_tokens SET revoked_at = ? WHERE name = ? AND revoked_at IS NULL",
                           arguments: [Date().timeIntervalSince1970, name])
            return db.changesCount
        }
        if changed == 0 { throw TeamStoreError("No live token named \"\(name)\"; `trotter tokens list` shows them.") }
    }

    /// The name and role of a live token, or nil for an unknown or revoked one.
    public func authenticate(_ token: String) async throws -> (name: String, role: TeamRole)? {
        let digest = Self.digest(token)
        return try await store.read { db in
            guard let row = try SQLRow.fetchOne(db, sql: "SELECT name, role FROM team_tokens WHERE token_sha256 = ? AND revoked_at IS NULL",
                                             arguments: [digest]),
                  let role = TeamRole(rawValue: row["role"]) else { return nil }
            return (row["name"], role)
        }
    }

    static func digest(_ token: String) -> String {
        Hex.sha256(token)
    }

    // MARK: Audit

    public func audit(tokenName: String, action: String, target: String) async throws {
        try await store.write { db in
            try db.execute(sql: "INSERT INTO team_audit (at, token_name, action, target) VALUES (?, ?, ?, ?)",
                           arguments: [Date().timeIntervalSince1970, tokenName, action, target])
        }
    }

    public func auditEntries(limit: Int = 1000) async throws -> [AuditEntry] {
        try await store.read { db in
            try SQLRow.fetchAll(db, sql: "SELECT * FROM (SELECT * FROM team_audit ORDER BY id DESC LIMIT ?) AS newest ORDER BY id",
                             arguments: [limit]).map { row in
                AuditEntry(id: row["id"], at: row["at"], tokenName: row["token_name"], action: row["action"], target: row["target"])
            }
        }
    }

    // MARK: Change feed

    /// Appends a change event; its id is the stream's event id (AUTOINCREMENT: never reused, even after a restart).
    @discardableResult
    public func appendEvent(kind: String) async throws -> Int64 {
        // Appends take turns among themselves (ids commit in order, so a stream resumed after id N misses none
        // below it), not with the store's other writers: every server appends one per snapshot it publishes.
        try await store.write(scope: "team_events") { db in
            try Int64.fetchOne(db, sql: "INSERT INTO team_events (at, kind) VALUES (?, ?) RETURNING id",
                               arguments: [Date().timeIntervalSince1970, kind]) ?? 0
        }
    }

    /// Events after `id`, oldest first.
    public func events(after id: Int64, limit: Int = 500) async throws -> [TeamEvent] {
        try await store.read { db in
            try SQLRow.fetchAll(db, sql: "SELECT id, kind FROM team_events WHERE id > ? ORDER BY id LIMIT ?", arguments: [id, limit])
                .map { TeamEvent(id: $0["id"], kind: $0["kind"]) }
        }
    }

    /// Keeps the newest `keep` events: a client further behind than that starts over from the newest snapshot.
    public func trimEvents(keep: Int = 10_000) async throws {
        try await store.write { db in
            try db.execute(sql: "DELETE FROM team_events WHERE id <= (SELECT MAX(id) FROM team_events) - ?", arguments: [keep])
        }
    }
}
