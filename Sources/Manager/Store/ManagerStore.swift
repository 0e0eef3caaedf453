import DashboardModel
import Foundation
import GRDB
import TrotterStore

/// A project row: the keys' public half in clear, the private half sealed (see `KeyVault`).
struct ProjectRow: Sendable, Hashable {
    var id: String
    var name: String
    var orgID: String?
    var credentialKind: String
    var publicKey: String
    var sealedPrivateKey: Data
    var state: ProjectState
    var clusterCount: Int
    var workerAppID: String?
    var onboardingRunID: String?
    var lastSweep: Date?
    var lastError: String?
    var createdAt: Date
    /// The organisation key this project was imported with (`shared_keys`); nil when it has its own key.
    /// `sealedPrivateKey` then holds the shared key's sealed secret, as read through the join.
    var sharedKeyID: String? = nil

    /// What the sealed key is bound to: the project, or the shared key it uses.
    var sealBinding: String { sharedKeyID ?? id }

    var summary: ProjectSummary {
        ProjectSummary(id: id, name: name, state: state, clusterCount: clusterCount, workerAppID: workerAppID,
                       onboardingRunID: onboardingRunID, lastSweep: lastSweep, lastError: lastError)
    }
}

struct ClusterRow: Sendable, Hashable {
    var name: String
    var stateName: String?
    var mongoDBVersion: String?
    var diskSizeGB: Double?
    var dataSource: String?
}

/// One cluster's disk reading from a sweep.
struct DiskReading: Sendable, Hashable {
    var cluster: String
    var totalBytes: Int64
    var usedBytes: Int64
    var freeBytes: Int64
}

/// SQL for the manager's tables. Every call runs on GRDB's own queues (async `read`/`write`), never on
/// the cooperative pool's threads.
struct ManagerStore: Sendable {
    let db: Store

    // MARK: Projects

    func upsertProject(_ p: ProjectRow) async throws {
        try await db.write { db in
            try db.execute(sql: """
                INSERT INTO projects (id, name, org_id, credential_kind, public_key, sealed_private_key, state,
                    cluster_count, worker_app_id, onboarding_run_id, last_sweep, last_error, created_at, shared_key_id)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT(id) DO UPDATE SET name = excluded.name, org_id = excluded.org_id,
                    credential_kind = excluded.credential_kind, public_key = excluded.public_key,
                    sealed_private_key = excluded.sealed_private_key, state = excluded.state,
                    last_error = excluded.last_error, shared_key_id = excluded.shared_key_id
                """, arguments: [p.id, p.name, p.orgID, p.credentialKind, p.publicKey,
                                 p.sharedKeyID == nil ? p.sealedPrivateKey : Data(),
                                 p.state.rawValue, p.clusterCount, p.workerAppID, p.onboardingRunID,
                                 p.lastSweep?.timeIntervalSince1970, p.lastError, p.createdAt.timeIntervalSince1970,
                                 p.sharedKeyID])
        }
    }

    func projects() async throws -> [ProjectRow] {
        try await db.read { db in try SQLRow.fetchAll(db.cachedStatement(sql: Self.selectProjects + " ORDER BY p.name, p.id")).map(Self.project) }
    }

    func project(_ id: String) async throws -> ProjectRow? {
        try await db.read { db in try Self.project(id: id, db) }
    }

    /// Removes the project and, through the foreign keys, its clusters and samples; the sealed key goes with it.
    func deleteProject(_ id: String) async throws -> Bool {
        try await db.write { db in
            try db.execute(sql: "DELETE FROM projects WHERE id = ?", arguments: [id])
            let deleted = db.changesCount > 0
            // The last project to use a shared key takes it along.
            try db.execute(sql: "DELETE FROM shared_keys WHERE id NOT IN (SELECT shared_key_id FROM projects WHERE shared_key_id IS NOT NULL)")
            return deleted
        }
    }

    func setProjectState(_ id: String, _ state: ProjectState, error: String?) async throws {
        try await db.write { db in
            try db.cachedStatement(sql: "UPDATE projects SET state = ?, last_error = ? WHERE id = ?").execute(arguments: [state.rawValue, error, id])
        }
    }

    func setOnboardingRun(_ id: String, runID: String) async throws {
        try await db.write { db in
            try db.execute(sql: "UPDATE projects SET onboarding_run_id = ? WHERE id = ?", arguments: [runID, id])
        }
    }

    func setWorkerApp(_ id: String, appID: String) async throws {
        try await db.write { db in
            try db.execute(sql: "UPDATE projects SET worker_app_id = ? WHERE id = ?", arguments: [appID, id])
        }
    }

    func setSweepResult(_ id: String, at: Date?, error: String?) async throws {
        try await db.write { db in try Self.setSweepResult(id, at: at, error: error, db) }
    }

    static func setSweepResult(_ id: String, at: Date?, error: String?, _ db: SQLDatabase) throws {
        if let at {
            try db.cachedStatement(sql: "UPDATE projects SET last_sweep = ?, last_error = ? WHERE id = ?")
                .execute(arguments: [at.timeIntervalSince1970, error, id])
        } else {
            try db.execute(sql: "UPDATE projects SET last_error = ? WHERE id = ?", arguments: [error, id])
        }
    }

    /// A project with its shared key's sealed secret when it uses one (one read, so a sweep opens it as before).
    private static let selectProjects = """
        SELECT p.*, k.sealed_private_key AS shared_sealed FROM projects p LEFT JOIN shared_keys k ON k.id = p.shared_key_id
        """

    private static func project(_ r: SQLRow) -> ProjectRow {
        let shared: String? = r["shared_key_id"]
        return ProjectRow(id: r["id"], name: r["name"], orgID: r["org_id"], credentialKind: r["credential_kind"],
                   publicKey: r["public_key"], sealedPrivateKey: shared == nil ? r["sealed_private_key"] : r["shared_sealed"] ?? Data(),
                   state: ProjectState(rawValue: r["state"]) ?? .failed, clusterCount: r["cluster_count"],
                   workerAppID: r["worker_app_id"], onboardingRunID: r["onboarding_run_id"],
                   lastSweep: (r["last_sweep"] as Double?).map(Date.init(timeIntervalSince1970:)),
                   lastError: r["last_error"], createdAt: Date(timeIntervalSince1970: r["created_at"]), sharedKeyID: shared)
    }

    // MARK: Clusters

    /// Replaces the project's cluster list with what Atlas reports now, keeping known data-source links.
    func replaceClusters(_ projectID: String, _ clusters: [ClusterRow]) async throws {
        try await db.write { db in
            let linked = try Dictionary(SQLRow.fetchAll(db, sql: "SELECT name, data_source FROM clusters WHERE project_id = ?",
                                                     arguments: [projectID]).map { ($0["name"] as String, $0["data_source"] as String?) },
                                        uniquingKeysWith: { a, _ in a })
            try db.execute(sql: "DELETE FROM clusters WHERE project_id = ?", arguments: [projectID])
            for c in clusters {
                try db.execute(sql: """
                    INSERT INTO clusters (project_id, name, state_name, mongodb_version, disk_size_gb, data_source)
                    VALUES (?, ?, ?, ?, ?, ?)
                    """, arguments: [projectID, c.name, c.stateName, c.mongoDBVersion, c.diskSizeGB, c.dataSource ?? linked[c.name] ?? nil])
            }
            try db.execute(sql: "UPDATE projects SET cluster_count = ? WHERE id = ?", arguments: [clusters.count, projectID])
        }
    }

    func clusters(_ projectID: String) async throws -> [ClusterRow] {
        try await db.read { db in try Self.clusters(projectID, db) }
    }

    /// A project and its clusters in one read (a sweep asks for both per project).
    func projectWithClusters(_ id: String) async throws -> (ProjectRow, [ClusterRow])? {
        try await db.read { db in
            guard let project = try Self.project(id: id, db) else { return nil }
            return (project, try Self.clusters(id, db))
        }
    }

    private static func project(id: String, _ db: SQLDatabase) throws -> ProjectRow? {
        try SQLRow.fetchOne(db.cachedStatement(sql: Self.selectProjects + " WHERE p.id = ?"), arguments: [id]).map(Self.project)
    }

    private static func clusters(_ projectID: String, _ db: SQLDatabase) throws -> [ClusterRow] {
        try SQLRow.fetchAll(db.cachedStatement(sql: "SELECT * FROM clusters WHERE project_id = ? ORDER BY name"), arguments: [projectID]).map {
            ClusterRow(name: $0["name"], stateName: $0["state_name"], mongoDBVersion: $0["mongodb_version"],
                       diskSizeGB: $0["disk_size_gb"], dataSource: $0["data_source"])
        }
    }

    func setDataSource(_ projectID: String, cluster: String, dataSource: String) async throws {
        try await db.write { db in
            try db.execute(sql: "UPDATE clusters SET data_source = ? WHERE project_id = ? AND name = ?",
                           arguments: [dataSource, projectID, cluster])
        }
    }
}
