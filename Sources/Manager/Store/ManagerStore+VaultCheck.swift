import Foundation
import TrotterStore

/// The store's one vault check (`vault_check`): a value sealed with the master key of the first server that
/// started on it, so every later server can tell whether it was given the same key.
extension ManagerStore {
    /// The stored check, nil before the first server wrote one.
    func vaultCheck() async throws -> Data? {
        try await db.read { db in try Data.fetchOne(db, sql: "SELECT sealed FROM vault_check WHERE id = 1") }
    }

    /// The stored check; `sealed` becomes it when there is none yet (one write transaction, so of servers
    /// starting together one writes it and the others read it).
    func vaultCheck(orInsert sealed: Data) async throws -> Data {
        try await db.write { db in
            try db.execute(sql: "INSERT INTO vault_check (id, sealed, created_at) VALUES (1, ?, ?) ON CONFLICT (id) DO NOTHING",
                           arguments: [sealed, Date().timeIntervalSince1970])
            guard let stored = try Data.fetchOne(db, sql: "SELECT sealed FROM vault_check WHERE id = 1") else { return sealed }
            return stored
        }
    }
}
