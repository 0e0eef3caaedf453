import TeamCoordination
import Testing

/// The URL parser on its own: good forms, each malformed shape's reason, the password never in a message.
@Suite struct DatabaseURLTests {
    @Test func parsesUserPasswordHostPortDatabase() throws {
        let url = try DatabaseURL(parsing: "postgres://ops:hunter2@127.0.0.1:5433/trotter")
        #expect(url == DatabaseURL(user: "ops", password: "hunter2", host: "127.0.0.1", port: 5433, database: "trotter"))
        #expect(url.description == "postgres://ops:•••@127.0.0.1:5433/trotter")
        var dumped = ""
        dump(url, to: &dumped)
        #expect(!String(reflecting: url).contains("hunter2") && !dumped.contains("hunter2") && dumped.contains("•••"))
        let bare = try DatabaseURL(parsing: "postgresql://ops@db.internal:5432/team")
        #expect(bare.password == nil && bare.host == "db.internal" && bare.description == "postgres://ops@db.internal:5432/team")
        let escaped = try DatabaseURL(parsing: "postgres://ops:p%40ss%3Aw@[::1]:5432/team")
        #expect(escaped.password == "p@ss:w" && escaped.host == "::1")
    }

    @Test(arguments: [
        ("mysql://ops:hunter2@127.0.0.1:5432/db", "scheme"),
        ("127.0.0.1:5432/db", "no scheme"),
        ("postgres://127.0.0.1:5432/db", "user is missing"),
        ("postgres://:hunter2@127.0.0.1:5432/db", "user is empty"),
        ("postgres://ops:hunter2@127.0.0.1:5432", "database is missing"),
        ("postgres://ops:hunter2@127.0.0.1/db", "port is missing"),
        ("postgres://ops:hunter2@127.0.0.1:99999/db", "port must be"),
        ("postgres://ops:hunter2@127.0.0.1:port/db", "port must be"),
        ("postgres://ops:hunter2@:5432/db", "host is empty"),
        ("postgres://ops:hunter2@127.0.0.1:5432/db?sslmode=require", "one path segment"),
        ("postgres://ops:hunter2%zz@127.0.0.1:5432/db", "escape"),
    ])
    func malformedURLsSayWhyWithoutThePassword(text: String, reason: String) {
        #expect {
            try DatabaseURL(parsing: text)
        } throws: { error in
            guard let error = error as? CoordinationError else { return false }
            return error.code == .invalidURL && error.message.contains(reason)
                && error.message.contains("postgres://USER[:PASSWORD]@HOST:PORT/DB") && !error.message.contains("hunter2")
        }
    }

    @Test func durations() {
        #expect(Duration.parse("5s") == .seconds(5))
        #expect(Duration.parse("500ms") == .milliseconds(500))
        #expect(Duration.parse("1.5s") == .milliseconds(1500))
        #expect(Duration.parse("2m") == .seconds(120))
        #expect(Duration.parse("3") == .seconds(3))
        #expect(Duration.parse("0s") == nil && Duration.parse("soon") == nil && Duration.parse("-1s") == nil)
    }
}
