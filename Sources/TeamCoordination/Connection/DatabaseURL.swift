/// `postgres://USER[:PASSWORD]@HOST:PORT/DB`, parsed by hand so a malformed URL gets an exact reason and the
/// password never reaches an error, a log line or `description`.
public struct DatabaseURL: Sendable, Equatable, CustomStringConvertible {
    public var user: String
    public var password: String?
    public var host: String
    public var port: Int
    public var database: String

    /// The environment variable `trotter serve` reads when `--database` is absent.
    public static let environmentKey = "TROTTER_DATABASE_URL"

    public init(user: String, password: String?, host: String, port: Int, database: String) {
        self.user = user
        self.password = password
        self.host = host
        self.port = port
        self.database = database
    }

    /// - Throws: `CoordinationError.invalidURL`, whose message shows the URL with its password masked.
    public init(parsing text: String) throws(CoordinationError) {
        func bad(_ reason: String) -> CoordinationError {
            .invalidURL("\(reason). Expected postgres://USER[:PASSWORD]@HOST:PORT/DB; got \(Self.masked(text)).")
        }
        guard let schemeEnd = text.range(of: "://") else { throw bad("the URL has no scheme") }
        let scheme = text[..<schemeEnd.lowerBound].lowercased()
        guard scheme == "postgres" || scheme == "postgresql" else {
            throw bad("the scheme must be postgres:// or postgresql://")
        }
        let rest = text[schemeEnd.upperBound...]
        guard let at = rest.lastIndex(of: "@") else { throw bad("the user is missing (USER@ before the host)") }
        let credentials = rest[..<at]
        let location = rest[rest.index(after: at)...]
        let user: Substring, password: Substring?
        if let colon = credentials.firstIndex(of: ":") {
            user = credentials[..<colon]
            password = credentials[credentials.index(after: colon)...]
        } else {
            user = credentials
            password = nil
        }
        guard !user.isEmpty else { throw bad("the user is empty") }
        guard let slash = location.firstIndex(of: "/") else { throw bad("the database is missing (/DB after the port)") }
        let hostPort = location[..<slash]
        let database = location[location.index(after: slash)...]
        guard !database.isEmpty, !database.contains("/"), !database.contains("?") else {
            throw bad("the database name must be one path segment with no query")
        }
        guard let colon = hostPort.lastIndex(of: ":") else { throw bad("the port is missing (HOST:PORT)") }
        let host = hostPort[..<colon].trimmingPrefix("[")
        guard !host.isEmpty else { throw bad("the host is empty") }
        guard let port = Int(hostPort[hostPort.index(after: colon)...]), (1...65535).contains(port) else {
            throw bad("the port must be a number from 1 to 65535")
        }
        guard let userText = Self.percentDecoded(user), let databaseText = Self.percentDecoded(database) else {
            throw bad("a %-escape is malformed")
        }
        var passwordText: String?
        if let password {
            guard let decoded = Self.percentDecoded(password) else { throw bad("a %-escape is malformed") }
            passwordText = decoded
        }
        self.init(user: userText, password: passwordText, host: String(host.hasSuffix("]") ? host.dropLast() : host),
                  port: port, database: databaseText)
    }

    /// The URL with the password replaced by `•••`: safe for logs and errors.
    public var description: String {
        "postgres://\(user)\(password == nil ? "" : ":•••")@\(host):\(port)/\(database)"
    }

    /// Where, without who: `HOST:PORT/DB`.
    public var location: String { "\(host):\(port)/\(database)" }

    /// Masks whatever sits between the scheme's `://` user and the last `@`, even in a URL that does not parse.
    static func masked(_ text: String) -> String {
        guard let schemeEnd = text.range(of: "://"), let at = text.lastIndex(of: "@"), at > schemeEnd.upperBound,
              let colon = text[schemeEnd.upperBound..<at].firstIndex(of: ":") else { return text }
        return String(text[..<colon]) + ":•••" + String(text[at...])
    }

    static func percentDecoded(_ text: Substring) -> String? {
        var bytes: [UInt8] = []
        var iterator = Array(text.utf8).makeIterator()
        while let byte = iterator.next() {
            guard byte == UInt8(ascii: "%") else { bytes.append(byte); continue }
            guard let high = iterator.next(), let low = iterator.next(),
                  let value = UInt8(String(decoding: [high, low], as: UTF8.self), radix: 16) else { return nil }
            bytes.append(value)
        }
        return String(validating: bytes, as: UTF8.self)
    }
}

// `String(reflecting:)`, `dump` and test failure messages print the masked form too.
extension DatabaseURL: CustomDebugStringConvertible, CustomReflectable {
    public var debugDescription: String { description }
    public var customMirror: Mirror { Mirror(self, children: ["url": description]) }
}
