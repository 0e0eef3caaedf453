import GRDB
import GRDBSQLite

/// A cached statement bound and stepped through SQLite's C API, for the few writes done by the hundred per
/// project in a sweep. GRDB's `execute(arguments:)` builds an array of `DatabaseValueConvertible` existentials
/// per row and converts each; that was half of the sweep's store time for 60,000 rows.
///
/// Use it only on statements nothing else executes (the sweep's own SQL), inside the write closure that
/// fetched it; every parameter must be bound before each `step()`, and `flush()` called after the last.
///
/// On PostgreSQL each `step()` keeps its row, and the rows go as multi-row INSERTs of up to `batchRows` rows: one
/// round trip per batch instead of one per row (a sweep's project is 150 rows per table, and the store's writers
/// wait for each other across servers). The statement must be `INSERT ... VALUES (?1, ..., ?N) [rest]`, where
/// `rest` (an upsert's `ON CONFLICT ... DO UPDATE`) applies to every row; no two rows of a batch may share a key.
package final class RawInsert {
    private let statement: Statement!
    private let connection: OpaquePointer?
    private let postgres: SQLDatabase?
    private let sql: String
    private var values: [DatabaseValue] = []
    private var pending: [DatabaseValue] = []
    private var pendingRows = 0
    private var width = 0
    package static let batchRows = 500

    package init(_ db: SQLDatabase, sql: String) throws {
        self.sql = sql
        if let sqlite = db.sqlite {
            statement = try sqlite.cachedStatement(sql: sql)
            connection = sqlite.sqliteConnection
            postgres = nil
            sqlite3_reset(statement.sqliteStatement)
        } else {
            statement = nil
            connection = nil
            postgres = db
        }
    }

    private func set(_ index: Int32, _ value: DatabaseValue) {
        let slot = Int(index) - 1
        if values.count <= slot { values += Array(repeating: .null, count: slot + 1 - values.count) }
        values[slot] = value
    }

    // `SQLITE_TRANSIENT`: SQLite copies the bytes, so the Swift string need not outlive the call.
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    package func bind(_ index: Int32, _ value: String) {
        if postgres != nil { return set(index, value.databaseValue) }
        var value = value
        value.withUTF8 { utf8 in
            _ = sqlite3_bind_text(statement.sqliteStatement, index, utf8.baseAddress, Int32(utf8.count), Self.transient)
        }
    }

    package func bind(_ index: Int32, _ value: Int64) {
        if postgres != nil { return set(index, value.databaseValue) }
        sqlite3_bind_int64(statement.sqliteStatement, index, value)
    }

    package func bind(_ index: Int32, _ value: Int) { bind(index, Int64(value)) }

    package func bind(_ index: Int32, _ value: Double) {
        if postgres != nil { return set(index, value.databaseValue) }
        sqlite3_bind_double(statement.sqliteStatement, index, value)
    }

    package func bind(_ index: Int32, _ value: Double?) {
        if postgres != nil { return set(index, value?.databaseValue ?? .null) }
        if let value { bind(index, value) } else { sqlite3_bind_null(statement.sqliteStatement, index) }
    }

    /// Runs the statement once and readies it for the next row.
    package func step() throws {
        if postgres != nil {
            width = max(width, values.count)
            pending += values + Array(repeating: .null, count: width - values.count)
            pendingRows += 1
            if pendingRows >= Self.batchRows { try flush() }
            return
        }
        let code = sqlite3_step(statement.sqliteStatement)
        sqlite3_reset(statement.sqliteStatement)
        guard code == SQLITE_DONE else {
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(connection)),
                                sql: statement.sql)
        }
    }

    /// Sends the rows kept on PostgreSQL (a no-op on SQLite, where each `step()` ran its row).
    package func flush() throws {
        guard let postgres, pendingRows > 0 else { return }
        try postgres.execute(sql: Self.multiRow(sql, rows: pendingRows, width: width), arguments: SQLArguments(pending))
        pending.removeAll(keepingCapacity: true)
        pendingRows = 0
    }

    /// `INSERT ... VALUES (?1, ..., ?N) rest` for `rows` rows: `VALUES ($1..$N), ($N+1..$2N), ... rest`.
    static func multiRow(_ sql: String, rows: Int, width: Int) -> String {
        guard let values = sql.range(of: "VALUES", options: .caseInsensitive),
              let open = sql[values.upperBound...].firstIndex(of: "("),
              let close = sql[open...].firstIndex(of: ")") else { return sql }
        let tuples = (0..<rows).map { row in
            "(" + (1...width).map { "$\(row * width + $0)" }.joined(separator: ", ") + ")"
        }
        return String(sql[..<values.upperBound]) + " " + tuples.joined(separator: ", ") + String(sql[sql.index(after: close)...])
    }
}
