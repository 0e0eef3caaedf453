import GRDB

extension Store {
    /// The manager's tables: projects (keys sealed), their clusters, namespace and disk samples, threshold
    /// notifications. Shipped migrations are never edited; a change is a new named migration.
    static let managerMigrations: [Migration] = [
        (name: "manager-v1", migrate: { db in
            try db.create(table: "projects") { t in
                t.primaryKey("id", .text)
                t.column("name", .text).notNull()
                t.column("org_id", .text)
                t.column("credential_kind", .text).notNull()   // apiKey | serviceAccount
                t.column("public_key", .text).notNull()
                t.column("sealed_private_key", .blob).notNull() // AES-GCM, see KeyVault
                t.column("state", .text).notNull()
                t.column("cluster_count", .integer).notNull().defaults(to: 0)
                t.column("worker_app_id", .text)
                t.column("onboarding_run_id", .text)
                t.column("last_sweep", .double)
                t.column("last_error", .text)
                t.column("created_at", .double).notNull()
            }
            try db.create(table: "clusters") { t in
                t.column("project_id", .text).notNull().references("projects", onDelete: .cascade)
                t.column("name", .text).notNull()
                t.column("state_name", .text)
                t.column("mongodb_version", .text)
                t.column("disk_size_gb", .double)
                t.column("data_source", .text)   // the worker app's linked data-source name, once linked
                t.primaryKey(["project_id", "name"])
            }
            try db.create(table: "namespace_samples") { t in
                t.column("project_id", .text).notNull().references("projects", onDelete: .cascade)
                t.column("cluster", .text).notNull()
                t.column("db", .text).notNull()
                t.column("coll", .text).notNull()
                t.column("at", .double).notNull()
                t.column("count", .integer).notNull()
                t.column("size", .integer).notNull()
                t.column("storage_size", .integer).notNull()
                t.column("free_storage_size", .integer).notNull()
                t.column("total_index_size", .integer).notNull()
                t.column("nindexes", .integer).notNull()
            }
            try db.create(index: "namespace_samples_by_ns", on: "namespace_samples",
                          columns: ["project_id", "cluster", "db", "coll", "at"])
            try db.create(index: "namespace_samples_by_at", on: "namespace_samples", columns: ["at"])
            // The newest sample per namespace, kept beside the history so the dashboard loads in one scan.
            try db.create(table: "namespaces_latest") { t in
                t.column("project_id", .text).notNull().references("projects", onDelete: .cascade)
                t.column("cluster", .text).notNull()
                t.column("db", .text).notNull()
                t.column("coll", .text).notNull()
                t.column("type", .text).notNull().defaults(to: "collection")
                t.column("at", .double).notNull()
                t.column("count", .integer).notNull()
                t.column("size", .integer).notNull()
                t.column("storage_size", .integer).notNull()
                t.column("free_storage_size", .integer).notNull()
                t.column("total_index_size", .integer).notNull()
                t.column("nindexes", .integer).notNull()
                t.column("growth_per_hour", .double)
                t.primaryKey(["project_id", "cluster", "db", "coll"])
            }
            try db.create(table: "disk_samples") { t in
                t.column("project_id", .text).notNull().references("projects", onDelete: .cascade)
                t.column("cluster", .text).notNull()
                t.column("at", .double).notNull()
                t.column("total_bytes", .integer).notNull()
                t.column("used_bytes", .integer).notNull()
                t.column("free_bytes", .integer).notNull()
            }
            try db.create(index: "disk_samples_by_cluster", on: "disk_samples", columns: ["project_id", "cluster", "at"])
            try db.create(table: "threshold_alerts") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("at", .double).notNull()
                t.column("project_id", .text)
                t.column("kind", .text).notNull()       // compactCandidate | diskLow | projectFailed
                t.column("subject", .text).notNull()    // e.g. "Cluster0 shop.orders"
                t.column("message", .text).notNull()
            }
            try db.create(index: "threshold_alerts_by_subject", on: "threshold_alerts", columns: ["kind", "subject"])
        }),
        // Each namespace's growth baseline (its oldest sample inside the growth window) kept on its latest row,
        // so a sweep does not look it up in the history for every namespace (see `recordSweep`).
        (name: "manager-v2-growth-baseline", migrate: { db in
            try db.alter(table: "namespaces_latest") { t in
                t.add(column: "base_at", .double)
                t.add(column: "base_storage", .integer)
            }
        }),
        // The threshold crossings a sweep's jobs found, kept per run until its report phase raises them, so a
        // sweep resumed after a restart still raises what its finished jobs found.
        (name: "manager-v3-sweep-crossings", migrate: { db in
            try db.create(table: "sweep_crossings") { t in
                t.column("run_id", .text).notNull()
                t.column("project_id", .text).notNull()
                t.column("kind", .text).notNull()
                t.column("subject", .text).notNull()
                t.column("message", .text).notNull()
            }
            try db.create(index: "sweep_crossings_by_run", on: "sweep_crossings", columns: ["run_id", "project_id"])
        }),
        // One organisation key shared by every project imported with it (`projects import`): sealed once,
        // bound to its own ID. A project that uses it names it and keeps an empty `sealed_private_key`.
        (name: "manager-v4-shared-keys", migrate: { db in
            try db.create(table: "shared_keys") { t in
                t.primaryKey("id", .text)                        // "apiKey:<public key>" or "serviceAccount:<client ID>"
                t.column("credential_kind", .text).notNull()
                t.column("public_key", .text).notNull()
                t.column("sealed_private_key", .blob).notNull()  // AES-GCM, bound to `id` (see KeyVault)
                t.column("org_id", .text)
                t.column("created_at", .double).notNull()
            }
            try db.alter(table: "projects") { t in
                t.add(column: "shared_key_id", .text).references("shared_keys")
            }
        }),
        // Schedules shared by every server of a team: one sweep per interval, whoever claims the slot.
        (name: "manager-v5-schedule-slots", migrate: { db in
            try db.execute(sql: "CREATE TABLE schedule_slots (name TEXT PRIMARY KEY, due_at REAL NOT NULL, claimed_by TEXT)")
        }),
        // A value sealed with the master key of the first server that started on the store: a server given
        // another key is refused at its start, instead of failing on every project key it cannot open.
        (name: "manager-v6-vault-check", migrate: { db in
            try db.execute(sql: "CREATE TABLE vault_check (id INTEGER PRIMARY KEY CHECK (id = 1), sealed BLOB NOT NULL, created_at REAL NOT NULL)")
        }),
    ]
}
