public import GRDB

extension Store {
    /// A named schema change. Names are strings, never app types, and a shipped migration is never edited.
    public typealias Migration = (name: String, migrate: @Sendable (Database) throws -> Void)

    /// Every concern's migrations, in the order they apply. A concern adds its migrations in its own file
    /// (`Schema/Migrations+<Concern>.swift`, a `static let <concern>Migrations: [Migration]`) and one term here. The
    /// schema is kept in one place, SQL only, so one file has one order of migrations whoever opens it first.
    public static var migrations: [Migration] {
        orchestrationMigrations + managerMigrations + awsMigrations + teamMigrations
    }
}
