import Foundation
import GRDB
import Logging
import NIOCore
import PostgresNIO
import Synchronization
import TeamCoordination

/// One PostgreSQL connection inside a transaction of ``PostgresBackend``. Each statement is sent and waited for on
/// the calling thread: the store's transaction bodies are synchronous (as GRDB's are), and they run on the
/// backend's own dispatch queue, never on the cooperative pool or an event loop.
final class PostgresSession {
    let connection: PostgresConnection
    let url: DatabaseURL
    let logger: Logger

    init(connection: PostgresConnection, url: DatabaseURL, logger: Logger) {
        self.connection = connection
        self.url = url
        self.logger = logger
    }

    /// SQL rewritten for PostgreSQL, once per distinct statement per process.
    private static let translations = Mutex<[String: String]>([:])

    static func translated(_ sql: String) -> String {
        if let hit = translations.withLock({ $0[sql] }) { return hit }
        let translated = PostgresDialect.translate(sql)
        translations.withLock { $0[sql] = translated }
        return translated
    }

    /// Runs one statement. - Returns: its rows (as SQLite storage classes) and how many rows it changed.
    func execute(_ sql: String, _ values: [DatabaseValue]) throws -> (rows: [SQLRow], changes: Int) {
        var binds = PostgresBindings(capacity: values.count)
        for value in values {
            switch value.storage {
            case .null: binds.appendNull()
            case .int64(let int): binds.append(int)
            case .double(let double): binds.append(double)
            case .string(let string): binds.append(string)
            case .blob(let data): binds.append(ByteBuffer(bytes: data))
            }
        }
        let query = PostgresQuery(unsafeSQL: Self.translated(sql), binds: binds)
        let result: PostgresQueryResult
        do {
            result = try connection.query(query, logger: logger).wait()
        } catch {
            throw PostgresStoreError.map(error, url: url, sql: sql)
        }
        var rows: [SQLRow] = []
        rows.reserveCapacity(result.rows.count)
        var columns: [String]?
        for row in result.rows {
            if columns == nil { columns = row.map(\.columnName) }
            rows.append(SQLRow(columns: columns!, values: row.map(Self.value)))
        }
        return (rows, result.metadata.rows ?? 0)
    }

    /// Runs a statement of the transaction's own (BEGIN, COMMIT, a lock).
    func run(_ sql: String) throws {
        _ = try execute(sql, [])
    }

    /// A cell as SQLite would have stored it: integers, doubles, text, blobs; booleans as 0 and 1.
    static func value(_ cell: PostgresCell) -> DatabaseValue {
        guard cell.bytes != nil else { return .null }
        do {
            switch cell.dataType {
            case .int2, .int4, .int8: return try cell.decode(Int64.self).databaseValue
            case .float4, .float8: return try cell.decode(Double.self).databaseValue
            case .bool: return (try cell.decode(Bool.self) ? 1 : 0).databaseValue
            case .bytea: return Data(try cell.decode(ByteBuffer.self).readableBytesView).databaseValue
            case .numeric:
                // SUM over bigint: integral sums stay integers, as in SQLite.
                let decimal = try cell.decode(Decimal.self)
                let double = NSDecimalNumber(decimal: decimal).doubleValue
                if double.rounded() == double, abs(double) < 9e15 { return Int64(double).databaseValue }
                return double.databaseValue
            default: return try cell.decode(String.self).databaseValue
            }
        } catch {
            return .null
        }
    }
}

/// A PostgreSQL failure as an operator reads it: what the store was doing and what the server said, never a password.
public struct PostgresStoreError: Error, Sendable, CustomStringConvertible {
    public var description: String
    /// The server's SQLSTATE, when it answered (e.g. `23505` for a unique violation).
    public var sqlState: String?
    /// The connection is unusable (closed or never opened): drop it.
    var connectionLost: Bool

    static func map(_ error: any Error, url: DatabaseURL, sql: String) -> PostgresStoreError {
        if let error = error as? PostgresStoreError { return error }
        if let psql = error as? PSQLError {
            let state = psql.serverInfo?[.sqlState]
            if psql.code == .server {
                let message = psql.serverInfo?[.message] ?? "error"
                let statement = sql.split(whereSeparator: \.isNewline).first.map(String.init) ?? sql
                return PostgresStoreError(
                    description: "PostgreSQL at \(url.location) refused a statement of the store: \(message) (SQLSTATE \(state ?? "?")) in: \(statement.trimmingCharacters(in: .whitespaces))",
                    sqlState: state, connectionLost: false)
            }
            return PostgresStoreError(description: "\(CoordinationError.describing(psql, url: url, doing: "running the store's SQL"))",
                                      sqlState: state, connectionLost: true)
        }
        return PostgresStoreError(description: "PostgreSQL at \(url.location): \(error)", sqlState: nil, connectionLost: true)
    }
}
