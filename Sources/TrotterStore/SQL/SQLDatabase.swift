public import GRDB

/// Which SQL a statement is written in. Statements are written once, in the common subset of SQLite and
/// PostgreSQL, with `?` placeholders; ``PostgresDialect`` rewrites the few SQLite spellings (see there).
public enum SQLDialect: Sendable, Hashable {
    case sqlite
    case postgres
}

/// The database inside one `Store.read` or `Store.write` transaction, whichever the backend: SQLite through GRDB, or
/// PostgreSQL through postgres-nio. Its API follows GRDB's (`execute(sql:arguments:)`, `cachedStatement(sql:)`,
/// `changesCount`), so the concerns' SQL reads the same as before the store had two backends.
///
/// Only valid inside the closure it was given to; never keep it.
public final class SQLDatabase {
    enum Connection {
        case sqlite(Database)
        case postgres(PostgresSession)
    }
    let connection: Connection
    private var postgresChanges = 0

    init(sqlite db: Database) { connection = .sqlite(db) }
    init(postgres session: PostgresSession) { connection = .postgres(session) }

    public var dialect: SQLDialect {
        switch connection {
        case .sqlite: .sqlite
        case .postgres: .postgres
        }
    }

    /// The GRDB database, for SQLite-only work (bulk inserts through SQLite's C API); nil on PostgreSQL.
    public var sqlite: Database? {
        if case .sqlite(let db) = connection { return db }
        return nil
    }

    /// Rows changed by the last INSERT, UPDATE or DELETE.
    public var changesCount: Int {
        switch connection {
        case .sqlite(let db): db.changesCount
        case .postgres: postgresChanges
        }
    }

    /// Runs one statement (several, separated by `;`, on SQLite only).
    public func execute(sql: String, arguments: SQLArguments = []) throws {
        switch connection {
        case .sqlite(let db): try db.execute(sql: sql, arguments: arguments.grdb)
        case .postgres(let session): postgresChanges = try session.execute(sql, arguments.values).changes
        }
    }

    /// A statement prepared once per connection on SQLite (the hot paths use these); on PostgreSQL, the SQL
    /// rewritten once per process and sent with each execution.
    public func cachedStatement(sql: String) throws -> SQLStatement {
        switch connection {
        case .sqlite(let db): return SQLStatement(database: self, sql: sql, sqlite: try db.cachedStatement(sql: sql))
        case .postgres: return SQLStatement(database: self, sql: sql, sqlite: nil)
        }
    }

    func rows(sql: String, arguments: SQLArguments) throws -> [SQLRow] {
        switch connection {
        case .sqlite(let db): return try Row.fetchAll(db, sql: sql, arguments: arguments.grdb).map(SQLRow.init)
        case .postgres(let session): return try session.execute(sql, arguments.values).rows
        }
    }

    func cursor(sql: String, arguments: SQLArguments) throws -> SQLRowCursor {
        switch connection {
        case .sqlite(let db): return SQLRowCursor(.sqlite(try Row.fetchCursor(db, sql: sql, arguments: arguments.grdb)))
        case .postgres(let session): return SQLRowCursor(.rows(try session.execute(sql, arguments.values).rows.makeIterator()))
        }
    }
}

/// A statement to run many times in one transaction (`let insert = try db.cachedStatement(sql: ...)`).
public struct SQLStatement {
    let database: SQLDatabase
    let sql: String
    let sqlite: Statement?

    public func execute(arguments: SQLArguments = []) throws {
        if let sqlite {
            try sqlite.execute(arguments: arguments.grdb)
        } else {
            try database.execute(sql: sql, arguments: arguments)
        }
    }

    func rows(arguments: SQLArguments) throws -> [SQLRow] {
        if let sqlite { return try Row.fetchAll(sqlite, arguments: arguments.grdb).map(SQLRow.init) }
        return try database.rows(sql: sql, arguments: arguments)
    }

    func cursor(arguments: SQLArguments) throws -> SQLRowCursor {
        if let sqlite { return SQLRowCursor(.sqlite(try Row.fetchCursor(sqlite, arguments: arguments.grdb))) }
        return try database.cursor(sql: sql, arguments: arguments)
    }
}
