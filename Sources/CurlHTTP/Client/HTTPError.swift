/// A transport failure: the request got no usable HTTP response. (HTTP statuses are not errors here; the API
/// clients turn error statuses into their own typed errors.) Descriptions name the host and path only — never
/// a query string, header, token or key.
public struct HTTPError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What kind of failure this is.
    public enum Kind: Sendable, Hashable {
        /// Connect or total timeout.
        case timeout
        /// Could not connect, or the connection broke mid-transfer (reset, closed early, truncated body).
        case connection
        /// The host name did not resolve.
        case dns
        /// TLS handshake or certificate verification failed.
        case tls
        /// The calling task was cancelled.
        case cancelled
        /// A 2xx body that does not decode as expected (malformed or truncated JSON).
        case malformedBody
        /// The response exceeded the client's size limit.
        case tooLarge
        /// The request itself is unusable (bad URL, unsupported scheme).
        case invalidRequest
        /// The client was shut down.
        case shutdown
    }

    public var kind: Kind
    /// Method and redacted URL (`GET https://host/path`), or empty.
    public var target: String
    /// libcurl's or the decoder's explanation, already free of secrets.
    public var reason: String
    /// How many attempts were made.
    public var attempts: Int

    /// Creates an error.
    public init(_ kind: Kind, target: String = "", reason: String = "", attempts: Int = 1) {
        self.kind = kind
        self.target = target
        self.reason = reason
        self.attempts = attempts
    }

    /// Whether the failure is worth retrying (transient network trouble).
    public var isTransient: Bool { kind == .timeout || kind == .connection }

    public var description: String {
        let on = target.isEmpty ? "" : " (\(target))"
        let tries = attempts > 1 ? " after \(attempts) attempts" : ""
        let why = reason.isEmpty ? "" : ": \(reason)"
        switch kind {
        case .timeout:
            return "The request timed out\(tries)\(on)\(why). Check the network and proxy settings, or raise the timeout."
        case .connection:
            return "The connection failed\(tries)\(on)\(why). Check that the server is reachable (network, proxy, firewall)."
        case .dns:
            return "The host name could not be resolved\(on)\(why). Check ATLAS_BASE_URL and your DNS or proxy."
        case .tls:
            return "The TLS connection could not be verified\(on)\(why). Check the system CA certificates and any intercepting proxy."
        case .cancelled:
            return "The request was cancelled\(on)."
        case .malformedBody:
            return "The server's response could not be read\(on)\(why). It may have been cut off; try again."
        case .tooLarge:
            return "The response was larger than the client accepts\(on)\(why)."
        case .invalidRequest:
            return "The request could not be made\(on)\(why). Check the configured base URL."
        case .shutdown:
            return "The HTTP client was shut down before the request finished\(on)."
        }
    }
}
