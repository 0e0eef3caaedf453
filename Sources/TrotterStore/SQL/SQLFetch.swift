public import GRDB

/// GRDB's fetching spellings (`SQLRow.fetchAll(db, sql:arguments:)`, `Int64.fetchOne(statement, arguments:)`), for
/// either backend.
extension SQLRow {
    public static func fetchAll(_ db: SQLDatabase, sql: String, arguments: SQLArguments = []) throws -> [SQLRow] {
        try db.rows(sql: sql, arguments: arguments)
    }

    public static func fetchAll(_ statement: SQLStatement, arguments: SQLArguments = []) throws -> [SQLRow] {
        try statement.rows(arguments: arguments)
    }

    public static func fetchOne(_ db: SQLDatabase, sql: String, arguments: SQLArguments = []) throws -> SQLRow? {
        try db.cursor(sql: sql, arguments: arguments).first()
    }

    public static func fetchOne(_ statement: SQLStatement, arguments: SQLArguments = []) throws -> SQLRow? {
        try statement.cursor(arguments: arguments).first()
    }

    public static func fetchCursor(_ db: SQLDatabase, sql: String, arguments: SQLArguments = []) throws -> SQLRowCursor {
        try db.cursor(sql: sql, arguments: arguments)
    }

    public static func fetchCursor(_ statement: SQLStatement, arguments: SQLArguments = []) throws -> SQLRowCursor {
        try statement.cursor(arguments: arguments)
    }

    /// A row that stays valid after its cursor moves on or is gone (GRDB reuses a cursor's row).
    var copied: SQLRow {
        if case .sqlite(let row) = storage { return SQLRow(row.copy()) }
        return self
    }
}

extension SQLRowCursor {
    /// The first row, copied while the cursor is still alive (Swift may release a temporary cursor as soon as its
    /// last use returns, and GRDB's row reads through the cursor's statement).
    func first() throws -> SQLRow? {
        try withExtendedLifetime(self) { try next()?.copied }
    }
}

extension DatabaseValueConvertible {
    /// The first column of the first row, nil when there is no row or it is NULL.
    public static func fetchOne(_ db: SQLDatabase, sql: String, arguments: SQLArguments = []) throws -> Self? {
        try db.cursor(sql: sql, arguments: arguments).first().flatMap { Self.fromDatabaseValue($0.databaseValue(at: 0)) }
    }

    public static func fetchOne(_ statement: SQLStatement, arguments: SQLArguments = []) throws -> Self? {
        try statement.cursor(arguments: arguments).first().flatMap { Self.fromDatabaseValue($0.databaseValue(at: 0)) }
    }

    /// The first column of every row (NULLs and values of another type left out).
    public static func fetchAll(_ db: SQLDatabase, sql: String, arguments: SQLArguments = []) throws -> [Self] {
        try db.rows(sql: sql, arguments: arguments).compactMap { Self.fromDatabaseValue($0.databaseValue(at: 0)) }
    }
}
