import Foundation

/// The store's schema on PostgreSQL: the same tables, columns and names as the SQLite migrations in `Schema/`, one
/// PostgreSQL migration per SQLite one and under the same name, so a store of either kind says which changes it has.
/// Types map SQLite's storage classes: INTEGER → BIGINT, REAL → DOUBLE PRECISION, BLOB → BYTEA, AUTOINCREMENT →
/// BIGSERIAL. A shipped migration is never edited (as on SQLite).
enum PostgresMigrations {
    typealias Migration = (name: String, statements: [String])

    static var all: [Migration] {
        let byName = Dictionary(uniqueKeysWithValues: list.map { ($0.name, $0) })
        // Kept in the SQLite order: each SQLite migration has its PostgreSQL twin (checked by a test).
        return Store.migrations.compactMap { byName[$0.name] } + postgresOnly
    }

    private static let list: [Migration] = [
        ("orchestration-v1", [
            """
            CREATE TABLE runs (
                id TEXT PRIMARY KEY NOT NULL, machine TEXT NOT NULL, definition BYTEA NOT NULL,
                step_mode BIGINT NOT NULL, status TEXT NOT NULL, current_phase TEXT,
                started_at DOUBLE PRECISION, ended_at DOUBLE PRECISION,
                created_at DOUBLE PRECISION NOT NULL, updated_at DOUBLE PRECISION NOT NULL,
                owner_pid BIGINT, owner_token TEXT)
            """,
            """
            CREATE TABLE statuses (
                seq BIGSERIAL PRIMARY KEY, id TEXT NOT NULL UNIQUE, run_id TEXT NOT NULL,
                at DOUBLE PRECISION NOT NULL, kind TEXT NOT NULL, phase TEXT, job TEXT, attempt BIGINT, detail TEXT)
            """,
            "CREATE INDEX statuses_by_run ON statuses(run_id, seq)",
            "CREATE TABLE step_cursors (run_id TEXT NOT NULL, step TEXT NOT NULL, seq BIGINT NOT NULL, PRIMARY KEY (run_id, step))",
            """
            CREATE TABLE dispatches (run_id TEXT NOT NULL, job TEXT NOT NULL, attempt BIGINT NOT NULL,
                at DOUBLE PRECISION NOT NULL, PRIMARY KEY (run_id, job, attempt))
            """,
            """
            CREATE TABLE notifications (event_id TEXT NOT NULL, target TEXT NOT NULL, at DOUBLE PRECISION NOT NULL,
                PRIMARY KEY (event_id, target))
            """,
        ]),
        ("orchestration-v2-owner-lease", [
            "ALTER TABLE runs ADD COLUMN owner_lease_until DOUBLE PRECISION",
        ]),
        ("manager-v1", [
            """
            CREATE TABLE projects (
                id TEXT PRIMARY KEY, name TEXT NOT NULL, org_id TEXT, credential_kind TEXT NOT NULL,
                public_key TEXT NOT NULL, sealed_private_key BYTEA NOT NULL, state TEXT NOT NULL,
                cluster_count BIGINT NOT NULL DEFAULT 0, worker_app_id TEXT, onboarding_run_id TEXT,
                last_sweep DOUBLE PRECISION, last_error TEXT, created_at DOUBLE PRECISION NOT NULL)
            """,
            """
            CREATE TABLE clusters (
                project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE, name TEXT NOT NULL,
                state_name TEXT, mongodb_version TEXT, disk_size_gb DOUBLE PRECISION, data_source TEXT,
                PRIMARY KEY (project_id, name))
            """,
            """
            CREATE TABLE namespace_samples (
                project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE, cluster TEXT NOT NULL,
                db TEXT NOT NULL, coll TEXT NOT NULL, at DOUBLE PRECISION NOT NULL, count BIGINT NOT NULL,
                size BIGINT NOT NULL, storage_size BIGINT NOT NULL, free_storage_size BIGINT NOT NULL,
                total_index_size BIGINT NOT NULL, nindexes BIGINT NOT NULL)
            """,
            "CREATE INDEX namespace_samples_by_ns ON namespace_samples(project_id, cluster, db, coll, at)",
            "CREATE INDEX namespace_samples_by_at ON namespace_samples(at)",
            """
            CREATE TABLE namespaces_latest (
                project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE, cluster TEXT NOT NULL,
                db TEXT NOT NULL, coll TEXT NOT NULL, type TEXT NOT NULL DEFAULT 'collection',
                at DOUBLE PRECISION NOT NULL, count BIGINT NOT NULL, size BIGINT NOT NULL,
                storage_size BIGINT NOT NULL, free_storage_size BIGINT NOT NULL, total_index_size BIGINT NOT NULL,
                nindexes BIGINT NOT NULL, growth_per_hour DOUBLE PRECISION,
                PRIMARY KEY (project_id, cluster, db, coll))
            """,
            """
            CREATE TABLE disk_samples (
                project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE, cluster TEXT NOT NULL,
                at DOUBLE PRECISION NOT NULL, total_bytes BIGINT NOT NULL, used_bytes BIGINT NOT NULL,
                free_bytes BIGINT NOT NULL)
            """,
            "CREATE INDEX disk_samples_by_cluster ON disk_samples(project_id, cluster, at)",
            """
            CREATE TABLE threshold_alerts (
                id BIGSERIAL PRIMARY KEY, at DOUBLE PRECISION NOT NULL, project_id TEXT, kind TEXT NOT NULL,
                subject TEXT NOT NULL, message TEXT NOT NULL)
            """,
            "CREATE INDEX threshold_alerts_by_subject ON threshold_alerts(kind, subject)",
        ]),
        ("manager-v2-growth-baseline", [
            "ALTER TABLE namespaces_latest ADD COLUMN base_at DOUBLE PRECISION, ADD COLUMN base_storage BIGINT",
        ]),
        ("manager-v3-sweep-crossings", [
            // `rowid`: SQLite's implicit row order, which the store reads crossings in, made explicit.
            """
            CREATE TABLE sweep_crossings (
                rowid BIGSERIAL, run_id TEXT NOT NULL, project_id TEXT NOT NULL, kind TEXT NOT NULL,
                subject TEXT NOT NULL, message TEXT NOT NULL)
            """,
            "CREATE INDEX sweep_crossings_by_run ON sweep_crossings(run_id, project_id)",
        ]),
        ("manager-v4-shared-keys", [
            """
            CREATE TABLE shared_keys (
                id TEXT PRIMARY KEY, credential_kind TEXT NOT NULL, public_key TEXT NOT NULL,
                sealed_private_key BYTEA NOT NULL, org_id TEXT, created_at DOUBLE PRECISION NOT NULL)
            """,
            "ALTER TABLE projects ADD COLUMN shared_key_id TEXT REFERENCES shared_keys(id)",
        ]),
        ("manager-v5-schedule-slots", [
            "CREATE TABLE schedule_slots (name TEXT PRIMARY KEY, due_at DOUBLE PRECISION NOT NULL, claimed_by TEXT)",
        ]),
        ("manager-v6-vault-check", [
            "CREATE TABLE vault_check (id BIGINT PRIMARY KEY CHECK (id = 1), sealed BYTEA NOT NULL, created_at DOUBLE PRECISION NOT NULL)",
        ]),
        ("aws-v1", [
            """
            CREATE TABLE callback_tokens (run_id TEXT NOT NULL, job TEXT NOT NULL, attempt BIGINT NOT NULL,
                token_sha256 TEXT NOT NULL, PRIMARY KEY (run_id, job, attempt))
            """,
            """
            CREATE TABLE job_results (run_id TEXT NOT NULL, job TEXT NOT NULL, attempt BIGINT NOT NULL,
                result BYTEA NOT NULL, truncated BIGINT NOT NULL, PRIMARY KEY (run_id, job, attempt))
            """,
        ]),
        ("team-v1", [
            """
            CREATE TABLE team_tokens (name TEXT PRIMARY KEY, role TEXT NOT NULL, token_sha256 TEXT NOT NULL UNIQUE,
                created_at DOUBLE PRECISION NOT NULL, revoked_at DOUBLE PRECISION)
            """,
            """
            CREATE TABLE team_audit (id BIGSERIAL PRIMARY KEY, at DOUBLE PRECISION NOT NULL, token_name TEXT NOT NULL,
                action TEXT NOT NULL, target TEXT NOT NULL)
            """,
            "CREATE TABLE team_events (id BIGSERIAL PRIMARY KEY, at DOUBLE PRECISION NOT NULL, kind TEXT NOT NULL)",
        ]),
    ]

    /// PostgreSQL's own: every server hears of new status events by NOTIFY (ids only, far below
    /// the 8,000-byte limit; identical notices of one transaction arrive once).
    private static let postgresOnly: [Migration] = [
        ("postgres-v1-notify", [
            """
            CREATE FUNCTION trotter_store_notify() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF TG_TABLE_NAME = 'statuses' THEN
                    PERFORM pg_notify('\(PostgresWatch.channel)', 'statuses:' || left(NEW.run_id, 200));
                ELSE
                    PERFORM pg_notify('\(PostgresWatch.channel)', 'team:');
                END IF;
                RETURN NULL;
            END $$
            """,
            "CREATE TRIGGER statuses_notify AFTER INSERT ON statuses FOR EACH ROW EXECUTE FUNCTION trotter_store_notify()",
            "CREATE TRIGGER team_events_notify AFTER INSERT ON team_events FOR EACH ROW EXECUTE FUNCTION trotter_store_notify()",
        ]),
        // Nobody waits on team events (each server's feed reads them on its own timer), and waking servers on them
        // made each refresh on the others' refreshes: status events only.
        ("postgres-v2-notify-statuses-only", [
            "DROP TRIGGER team_events_notify ON team_events",
        ]),
    ]

    /// Applies the missing migrations, inside one write transaction: it holds the writers' lock, so servers
    /// starting together migrate once.
    static func apply(_ db: SQLDatabase) throws {
        try db.execute(sql: "CREATE TABLE IF NOT EXISTS store_migrations (name TEXT PRIMARY KEY, applied_at DOUBLE PRECISION NOT NULL)")
        let applied = Set(try String.fetchAll(db, sql: "SELECT name FROM store_migrations"))
        for migration in all where !applied.contains(migration.name) {
            for statement in migration.statements { try db.execute(sql: statement) }
            try db.execute(sql: "INSERT INTO store_migrations (name, applied_at) VALUES (?, ?)",
                           arguments: [migration.name, Date().timeIntervalSince1970])
        }
    }
}
