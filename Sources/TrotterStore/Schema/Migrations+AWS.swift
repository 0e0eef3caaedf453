import GRDB

extension Store {
    /// Lambda jobs: each callback attempt's task token (only its SHA-256 is kept) and each attempt's whole result
    /// (up to 256 KB; the status log keeps a bounded tail).
    static let awsMigrations: [Migration] = [
        (name: "aws-v1", migrate: { db in
            try db.execute(sql: """
                CREATE TABLE callback_tokens (
                    run_id TEXT NOT NULL,
                    job TEXT NOT NULL,
                    attempt INTEGER NOT NULL,
                    token_sha256 TEXT NOT NULL,
                    PRIMARY KEY (run_id, job, attempt)
                );
                CREATE TABLE job_results (
                    run_id TEXT NOT NULL,
                    job TEXT NOT NULL,
                    attempt INTEGER NOT NULL,
                    result BLOB NOT NULL,
                    truncated INTEGER NOT NULL,
                    PRIMARY KEY (run_id, job, attempt)
                );
                """)
        }),
    ]
}
