public import GRDB

extension Store {
    /// A named schema change. Names are strings, never app types, and a shipped migration is never edited.
    public typealias Migration = (name: String, migrate: @Sendable (Database) throws -> Void)

    /// Every concern's migrations, in the order they apply. A concern adds its migrations in its own file
    /// (`Store/Migrations+<Concern>.swift`, a `static let <concern>Migrations: [Migration]`) and one term here.
    public static var migrations: [Migration] {
        orchestrationMigrations + managerMigrations + awsMigrations + teamMigrations
    }
}
