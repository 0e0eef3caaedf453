import GRDB
import GRDBSQLite

/// A cached statement bound and stepped through SQLite's C API, for the few writes done by the hundred per
/// project in a sweep. GRDB's `execute(arguments:)` builds an array of `DatabaseValueConvertible` existentials
/// per row and converts each; that was half of the sweep's store time for 60,000 rows.
///
/// Use it only on statements nothing else executes (the sweep's own SQL), inside the write closure that
/// fetched it; every parameter must be bound before each `step()`.
package struct RawInsert {
    private let statement: Statement
    private let connection: OpaquePointer?

    package init(_ db: Database, sql: String) throws {
        statement = try db.cachedStatement(sql: sql)
        connection = db.sqliteConnection
        sqlite3_reset(statement.sqliteStatement)
    }

    // `SQLITE_TRANSIENT`: SQLite copies the bytes, so the Swift string need not outlive the call.
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    package func bind(_ index: Int32, _ value: String) {
        var value = value
        value.withUTF8 { utf8 in
            _ = sqlite3_bind_text(statement.sqliteStatement, index, utf8.baseAddress, Int32(utf8.count), Self.transient)
        }
    }

    package func bind(_ index: Int32, _ value: Int64) { sqlite3_bind_int64(statement.sqliteStatement, index, value) }
    package func bind(_ index: Int32, _ value: Int) { sqlite3_bind_int64(statement.sqliteStatement, index, Int64(value)) }
    package func bind(_ index: Int32, _ value: Double) { sqlite3_bind_double(statement.sqliteStatement, index, value) }

    package func bind(_ index: Int32, _ value: Double?) {
        if let value { bind(index, value) } else { sqlite3_bind_null(statement.sqliteStatement, index) }
    }

    /// Runs the statement once and readies it for the next row.
    package func step() throws {
        let code = sqlite3_step(statement.sqliteStatement)
        sqlite3_reset(statement.sqliteStatement)
        guard code == SQLITE_DONE else {
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(connection)),
                                sql: statement.sql)
        }
    }
}
