import Foundation
import Logging
import PostgresNIO
import Synchronization
import TeamCoordination
import TrotterStore

/// The store a test's manager or engine runs on: SQLite in the test's folder, or, when `TROTTER_TEST_DATABASE_URL`
/// names a PostgreSQL cluster (`scripts/test.sh` runs the store's suites a second time so), a fresh database of
/// its own in that cluster. The database's URL is written in the folder, so a "restarted" manager reopens it.
enum TestStore {
    static let environmentKey = "TROTTER_TEST_DATABASE_URL"

    /// True on the PostgreSQL pass (tests of SQLite's own machinery are disabled there).
    static var onPostgres: Bool { adminURL != nil }

    static let adminURL: DatabaseURL? = {
        guard let text = ProcessInfo.processInfo.environment[environmentKey], !text.isEmpty else { return nil }
        return try? DatabaseURL(parsing: text)
    }()

    /// Opens (the first time: creates) the store of `home`.
    static func open(home: URL) async throws -> Store {
        guard let admin = adminURL else {
            return try Store(path: home.appendingPathComponent("trotter.sqlite").path)
        }
        let marker = home.appendingPathComponent("postgres-database")
        var url = admin
        if let name = try? String(contentsOf: marker, encoding: .utf8) {
            url.database = name
        } else {
            url.database = try await createDatabase(admin)
            try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
            try url.database.write(to: marker, atomically: true, encoding: .utf8)
        }
        return try await Store.connect(url: url, maximumConnections: 4, watchInterval: .milliseconds(200), logger: logger)
    }

    /// A store in a new temporary folder.
    static func temporary() async throws -> (store: Store, directory: URL) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("trotter-store-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return (try await open(home: directory), directory)
    }

    private static let counter = Mutex(0)

    private static func createDatabase(_ admin: DatabaseURL) async throws -> String {
        let n = counter.withLock { $0 += 1; return $0 }
        let name = "t_\(ProcessInfo.processInfo.processIdentifier)_\(n)_\(UInt32.random(in: 0...UInt32.max))"
        let connection = try await PostgresConnection.connect(
            configuration: .init(host: admin.host, port: admin.port, username: admin.user, password: admin.password,
                                 database: admin.database, tls: .disable),
            id: 1, logger: logger)
        do {
            try await connection.query(PostgresQuery(unsafeSQL: "CREATE DATABASE \(name)"), logger: logger)
        } catch {
            try? await connection.close()
            throw error
        }
        try? await connection.close()
        return name
    }

    static let logger: Logger = {
        var logger = Logger(label: "test-store") { _ in SwiftLogNoOpLogHandler() }
        logger.logLevel = .critical
        return logger
    }()
}

extension TestStore {
    /// Every byte a store holds, to look for what must never be stored: a SQLite store's files (database, WAL), or
    /// every row of every table of a PostgreSQL store (blobs as their bytes).
    static func contents(of store: Store, folder: URL) async throws -> Data {
        guard store.dialect == .postgres else {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
            return names.compactMap { FileManager.default.contents(atPath: folder.appendingPathComponent($0).path) }
                .reduce(into: Data()) { $0.append($1) }
        }
        return try await store.read { db in
            var out = Data()
            let tables = try String.fetchAll(db, sql: "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'")
            for table in tables {
                for row in try SQLRow.fetchAll(db, sql: "SELECT * FROM \"\(table)\"") {
                    for index in 0..<row.count {
                        switch row.databaseValue(at: index).storage {
                        case .blob(let data): out.append(data)
                        case .string(let text): out.append(Data(text.utf8))
                        case .int64(let int): out.append(Data("\(int)".utf8))
                        case .double(let double): out.append(Data("\(double)".utf8))
                        case .null: break
                        }
                        out.append(0)
                    }
                }
            }
            return out
        }
    }
}
