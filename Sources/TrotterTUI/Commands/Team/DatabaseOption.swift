import ArgumentParser
import Foundation
import Logging
import TeamCoordination
import TrotterStore

/// `--database postgres://USER[:PASSWORD]@HOST:PORT/DB` (or `TROTTER_DATABASE_URL`): the store a team's servers
/// share. Absent: the SQLite store in `$TROTTER_HOME`, for one server.
struct DatabaseOption: ParsableArguments {
    @Option(help: ArgumentHelp("postgres://USER[:PASSWORD]@HOST:PORT/DB (or TROTTER_DATABASE_URL): the PostgreSQL every server of the team shares; absent, the SQLite store in $TROTTER_HOME.",
                               valueName: "url"))
    var database: String?

    /// A malformed URL is the caller's input: exit 2 before anything runs.
    func validate() throws { _ = try url() }

    /// The URL given, checked (a malformed one stops here, exit 2, its password masked); nil for SQLite.
    func url(_ environment: [String: String] = ProcessInfo.processInfo.environment) throws -> DatabaseURL? {
        guard let text = database ?? environment[DatabaseURL.environmentKey], !text.isEmpty else { return nil }
        do { return try DatabaseURL(parsing: text) } catch { throw ValidationError(error.message) }
    }

    /// The store: PostgreSQL at the URL, migrated on first use, or `$TROTTER_HOME`'s SQLite.
    func open(logger: Logger = Logger(label: "trotter.store") { _ in SwiftLogNoOpLogHandler() }) async throws -> Store {
        guard let url = try url() else { return try Store.atHome() }
        return try await Store.connect(url: url, logger: logger)
    }
}
