public import GRDB

/// One result row from either backend, read by position or column name like GRDB's `Row`
/// (`let name: String = row["name"]`, `let at: Double? = row[3]`).
///
/// From SQLite it wraps GRDB's row as it is (no copy, so the SQLite path costs what it did); from PostgreSQL it
/// holds the row's values converted to SQLite's storage classes, so both decode the same way.
public struct SQLRow {
    enum Storage {
        case sqlite(Row)
        case values(columns: [String], values: [DatabaseValue])
    }
    let storage: Storage

    init(_ row: Row) { storage = .sqlite(row) }
    init(columns: [String], values: [DatabaseValue]) { storage = .values(columns: columns, values: values) }

    /// How many columns the row has.
    public var count: Int {
        switch storage {
        case .sqlite(let row): return row.count
        case .values(_, let values): return values.count
        }
    }

    /// The value at `index` (0-based), in SQLite's storage classes.
    public func databaseValue(at index: Int) -> DatabaseValue {
        switch storage {
        case .sqlite(let row): return row[index] as DatabaseValue
        case .values(_, let values): return values[index]
        }
    }

    /// The value of the column named `name` (NULL when there is none).
    public func databaseValue(named name: String) -> DatabaseValue {
        switch storage {
        case .sqlite(let row): return row.hasColumn(name) ? row[name] as DatabaseValue : .null
        case .values(let columns, let values):
            guard let index = columns.firstIndex(of: name) else { return .null }
            return values[index]
        }
    }

    /// The column at `index` as `Value`; ask for an optional (`let at: Double? = row[3]`) where NULL is allowed
    /// (GRDB makes `Optional` convertible). A NULL in a non-optional, or a value of another type, is a schema bug
    /// and stops the process, as with GRDB's `Row`.
    public subscript<Value: DatabaseValueConvertible>(_ index: Int) -> Value {
        let value = databaseValue(at: index)
        guard let decoded = Value.fromDatabaseValue(value) else {
            preconditionFailure("column \(index) holds \(value), not a \(Value.self)")
        }
        return decoded
    }

    public subscript<Value: DatabaseValueConvertible>(_ name: String) -> Value {
        let value = databaseValue(named: name)
        guard let decoded = Value.fromDatabaseValue(value) else {
            preconditionFailure("column \(name) holds \(value), not a \(Value.self)")
        }
        return decoded
    }
}

/// Rows one at a time: SQLite's are read from the statement as they are asked for; PostgreSQL's were read whole.
/// A row is valid until the next call to `next()` (as with GRDB's cursors): decode it, do not keep it.
public final class SQLRowCursor {
    enum Source {
        case sqlite(RowCursor)
        case rows(IndexingIterator<[SQLRow]>)
    }
    private var source: Source

    init(_ source: Source) { self.source = source }

    public func next() throws -> SQLRow? {
        switch source {
        case .sqlite(let cursor): return try cursor.next().map(SQLRow.init)
        case .rows(var iterator):
            let row = iterator.next()
            source = .rows(iterator)
            return row
        }
    }
}

extension SQLRow: CustomStringConvertible {
    /// Every column's value (for test failures and debugging; the store never logs rows).
    public var description: String {
        switch storage {
        case .sqlite(let row): return row.description
        case .values(let columns, let values):
            return "[" + zip(columns, values).map { "\($0):\($1)" }.joined(separator: " ") + "]"
        }
    }
}
