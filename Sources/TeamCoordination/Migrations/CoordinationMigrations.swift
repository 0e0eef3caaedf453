/// The coordination layer's tables. Leases are judged by the database's clock (`now()`), never a server's, so
/// servers with skewed clocks still agree on who holds what.
enum CoordinationMigrations {
    static let all: [Migration] = [
        Migration(version: 1, name: "coordination-v1-jobs-and-slots", statements: [
            """
            CREATE TABLE coordination_jobs (
                id bigserial PRIMARY KEY,
                run_id text NOT NULL,
                job_key text NOT NULL,
                payload text NOT NULL DEFAULT '',
                state text NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'claimed', 'done', 'failed')),
                fence bigint NOT NULL DEFAULT 0,
                attempts integer NOT NULL DEFAULT 0,
                max_attempts integer NOT NULL DEFAULT 3,
                claimed_by text,
                lease_until timestamptz,
                available_at timestamptz NOT NULL DEFAULT now(),
                finished_by text,
                result text,
                created_at timestamptz NOT NULL DEFAULT now(),
                finished_at timestamptz,
                UNIQUE (run_id, job_key))
            """,
            // Claims scan only open jobs; finished ones pile up without slowing them.
            "CREATE INDEX coordination_jobs_open ON coordination_jobs (id) WHERE state IN ('queued', 'claimed')",
            """
            CREATE TABLE coordination_schedule_slots (
                schedule text NOT NULL,
                slot bigint NOT NULL,
                claimed_by text NOT NULL,
                claimed_at timestamptz NOT NULL DEFAULT now(),
                PRIMARY KEY (schedule, slot))
            """,
        ]),
        // Lanes: a sweep's collections and users' jobs are claimed by runners of their own, so a server's
        // Atlas-bound concurrency (`--parallel-projects`) never holds back users' jobs, nor the other way round.
        Migration(version: 2, name: "coordination-v2-job-lanes", statements: [
            "ALTER TABLE coordination_jobs ADD COLUMN lane text NOT NULL DEFAULT 'default'",
        ]),
    ]
}
