import PostgresNIO

/// PSQLError hides its details from `description` (on purpose); we turn the ones an operator can act on into
/// `CoordinationError`s that name the server but never the password.
enum PostgresErrorMapping {
    static func map(_ error: any Error, url: DatabaseURL, doing what: String) -> CoordinationError {
        if let error = error as? CoordinationError { return error }
        if let transaction = error as? PostgresTransactionError {
            // The first thing that went wrong: BEGIN, the body, or COMMIT.
            return map(transaction.beginError ?? transaction.closureError ?? transaction.commitError ?? error,
                       url: url, doing: what)
        }
        guard let psql = error as? PSQLError else {
            return CoordinationError(.unreachable, "Cannot reach PostgreSQL at \(url.host):\(url.port) while \(what): \(error). Is the server running and listening there?")
        }
        let state = psql.serverInfo?[.sqlState]
        let serverMessage = psql.serverInfo?[.message] ?? ""
        switch (psql.code, state) {
        case (.server, "28P01"?), (.server, "28000"?), (.saslError, _):
            return CoordinationError(.authentication, "PostgreSQL at \(url.location) refused the credentials of user \"\(url.user)\": check the user and password in the database URL.")
        case (.authMechanismRequiresPassword, _):
            return CoordinationError(.authentication, "PostgreSQL at \(url.location) wants a password for user \"\(url.user)\": put it in the URL (postgres://USER:PASSWORD@HOST:PORT/DB).")
        case (.server, "3D000"?):
            return CoordinationError(.noDatabase, "PostgreSQL at \(url.host):\(url.port) has no database \"\(url.database)\": create it (createdb \(url.database)) or fix the URL.")
        case (.server, _):
            return CoordinationError(.database, "PostgreSQL at \(url.location) failed while \(what): \(serverMessage) (SQLSTATE \(state ?? "?")).")
        case (.connectionError, _), (.serverClosedConnection, _), (.uncleanShutdown, _), (.sslUnsupported, _):
            let cause = psql.underlying.map { "\($0)".contains("Connection refused") ? " (connection refused)" : " (\($0))" } ?? ""
            return CoordinationError(.unreachable, "Cannot reach PostgreSQL at \(url.host):\(url.port) while \(what)\(cause). Is the server running and listening there?")
        default:
            return CoordinationError(.database, "PostgreSQL at \(url.location) failed while \(what) (\(psql.code)).")
        }
    }
}

extension CoordinationError {
    /// Any error of postgres-nio as an operator reads it (what failed, where, what to do), without the password.
    public static func describing(_ error: any Error, url: DatabaseURL, doing what: String) -> CoordinationError {
        PostgresErrorMapping.map(error, url: url, doing: what)
    }
}
