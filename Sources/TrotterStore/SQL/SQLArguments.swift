public import GRDB

/// A statement's positional arguments, written as an array literal at the call site (`arguments: [id, at]`) for
/// either backend. Values are kept as GRDB's `DatabaseValue`s: SQLite's storage classes, which the PostgreSQL
/// backend binds as int8, float8, text and bytea.
public struct SQLArguments: ExpressibleByArrayLiteral, Sendable {
    public var values: [DatabaseValue]

    public init(_ values: [DatabaseValue]) { self.values = values }

    public init(_ values: [(any DatabaseValueConvertible)?]) {
        self.values = values.map { $0?.databaseValue ?? .null }
    }

    public init(arrayLiteral elements: (any DatabaseValueConvertible)?...) { self.init(elements) }

    var grdb: StatementArguments { StatementArguments(values) }
}
