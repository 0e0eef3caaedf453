import GRDB

extension Store {
    /// Team mode (`trotter serve`): API tokens (only their SHA-256 is kept), the audit of operator actions, and the
    /// change feed that connected dashboards resume from by id after a reconnect or a server restart.
    static let teamMigrations: [Migration] = [
        (name: "team-v1", migrate: { db in
            try db.execute(sql: """
                CREATE TABLE team_tokens (
                    name TEXT PRIMARY KEY,
                    role TEXT NOT NULL,
                    token_sha256 TEXT NOT NULL UNIQUE,
                    created_at REAL NOT NULL,
                    revoked_at REAL
                );
                CREATE TABLE team_audit (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    at REAL NOT NULL,
                    token_name TEXT NOT NULL,
                    action TEXT NOT NULL,
                    target TEXT NOT NULL
                );
                CREATE TABLE team_events (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    at REAL NOT NULL,
                    kind TEXT NOT NULL
                );
                """)
        }),
    ]
}
