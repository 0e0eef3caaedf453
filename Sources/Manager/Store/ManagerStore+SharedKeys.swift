import Foundation
import GRDB
import TrotterStore

/// One organisation key, sealed once for every project imported with it.
struct SharedKeyRow: Sendable, Hashable {
    var id: String
    var credentialKind: String
    var publicKey: String
    var sealedPrivateKey: Data
    var orgID: String?

    /// The public half names the key: importing again with the same key finds the same row.
    static func id(kind: String, publicKey: String) -> String { "\(kind):\(publicKey)" }
}

extension ManagerStore {
    /// Stores (or replaces the sealed secret of) a shared key.
    func upsertSharedKey(_ k: SharedKeyRow) async throws {
        try await db.write { db in
            try db.execute(sql: """
                INSERT INTO shared_keys (id, credential_kind, public_key, sealed_private_key, org_id, created_at)
                VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT(id) DO UPDATE SET sealed_private_key = excluded.sealed_private_key,
                    org_id = COALESCE(excluded.org_id, shared_keys.org_id)
                """, arguments: [k.id, k.credentialKind, k.publicKey, k.sealedPrivateKey, k.orgID, Date().timeIntervalSince1970])
        }
    }

    func sharedKey(_ id: String) async throws -> SharedKeyRow? {
        try await db.read { db in
            try SQLRow.fetchOne(db, sql: "SELECT * FROM shared_keys WHERE id = ?", arguments: [id]).map {
                SharedKeyRow(id: $0["id"], credentialKind: $0["credential_kind"], publicKey: $0["public_key"],
                             sealedPrivateKey: $0["sealed_private_key"], orgID: $0["org_id"])
            }
        }
    }
}
