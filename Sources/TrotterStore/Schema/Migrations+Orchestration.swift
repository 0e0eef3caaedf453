import GRDB

extension Store {
    /// Tables of the orchestration engine: runs, the append-only status log, the steps' cursors, the dispatch
    /// ledger (an attempt is started at most once) and the notifier's delivery ledger.
    static let orchestrationMigrations: [Migration] = [
        (name: "orchestration-v1", migrate: { db in
            try db.execute(sql: """
                CREATE TABLE runs (
                    id TEXT PRIMARY KEY NOT NULL,
                    machine TEXT NOT NULL,
                    definition BLOB NOT NULL,
                    step_mode INTEGER NOT NULL,
                    status TEXT NOT NULL,
                    current_phase TEXT,
                    started_at REAL,
                    ended_at REAL,
                    created_at REAL NOT NULL,
                    updated_at REAL NOT NULL,
                    owner_pid INTEGER,
                    owner_token TEXT
                );
                CREATE TABLE statuses (
                    seq INTEGER PRIMARY KEY AUTOINCREMENT,
                    id TEXT NOT NULL UNIQUE,
                    run_id TEXT NOT NULL,
                    at REAL NOT NULL,
                    kind TEXT NOT NULL,
                    phase TEXT,
                    job TEXT,
                    attempt INTEGER,
                    detail TEXT
                );
                CREATE INDEX statuses_by_run ON statuses(run_id, seq);
                CREATE TABLE step_cursors (
                    run_id TEXT NOT NULL,
                    step TEXT NOT NULL,
                    seq INTEGER NOT NULL,
                    PRIMARY KEY (run_id, step)
                );
                CREATE TABLE dispatches (
                    run_id TEXT NOT NULL,
                    job TEXT NOT NULL,
                    attempt INTEGER NOT NULL,
                    at REAL NOT NULL,
                    PRIMARY KEY (run_id, job, attempt)
                );
                CREATE TABLE notifications (
                    event_id TEXT NOT NULL,
                    target TEXT NOT NULL,
                    at REAL NOT NULL,
                    PRIMARY KEY (event_id, target)
                );
                """)
        }),
        // Several servers on one database: a run's owner holds it for a lease it renews; past the lease, another
        // server takes the run over (a process id means nothing across machines).
        (name: "orchestration-v2-owner-lease", migrate: { db in
            try db.execute(sql: "ALTER TABLE runs ADD COLUMN owner_lease_until REAL")
        }),
    ]
}
