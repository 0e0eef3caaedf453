import TrotterSupport

/// The HTTP methods trotter uses.
public enum HTTPMethod: String, Sendable, Hashable {
    case get = "GET", post = "POST", put = "PUT", patch = "PATCH", delete = "DELETE"

    /// Methods that may be repeated without changing the outcome (RFC 9110 §9.2.2).
    public var isIdempotent: Bool { self != .post && self != .patch }
}

/// How a request authenticates. libcurl does the work: it answers digest challenges (including stale nonces)
/// itself and encodes Basic credentials.
public enum HTTPAuth: Sendable, Hashable, CustomStringConvertible {
    /// RFC 7616 digest (Atlas programmatic API keys: public key as user, private key as password).
    case digest(user: String, password: Secret)
    /// `Authorization: Bearer <token>` (service-account and App Services tokens).
    case bearer(Secret)
    /// RFC 7617 Basic (the OAuth token call with client ID and secret).
    case basic(user: String, password: Secret)

    public var description: String {
        switch self {
        case .digest(let user, _): "digest(\(user), <redacted>)"
        case .bearer: "bearer(<redacted>)"
        case .basic(let user, _): "basic(\(user), <redacted>)"
        }
    }
}

/// One HTTP request. Values only: the engine turns it into a libcurl easy handle on its own thread.
public struct HTTPRequest: Sendable, Hashable {
    public var method: HTTPMethod
    /// Absolute `http://` or `https://` URL.
    public var url: String
    /// Extra header fields (name, value). `User-Agent` and auth come from the client and `auth`.
    public var headers: [(String, String)] {
        get { headerStorage.map { ($0.name, $0.value) } }
        set { headerStorage = newValue.map { HeaderField(name: $0.0, value: $0.1) } }
    }
    public var body: [UInt8]?
    public var auth: HTTPAuth?
    /// Whether a 5xx, timeout or reset may be retried. Defaults to the method's idempotency; a POST that only
    /// reads (execute a read-only function, fetch a token) may set it to `true`.
    public var retryable: Bool
    /// True when the URL's path is a secret (webhooks): messages and logs then show its scheme and host only.
    public var pathIsSecret = false

    private var headerStorage: [HeaderField]

    /// Creates a request.
    /// - Parameters:
    ///   - method: the HTTP method.
    ///   - url: absolute URL.
    ///   - headers: extra header fields in order.
    ///   - body: the request body, if any.
    ///   - auth: how to authenticate.
    ///   - retryable: override for retrying 5xx/timeouts; `nil` means "idempotent methods only".
    public init(
        method: HTTPMethod = .get, url: String, headers: [(String, String)] = [], body: [UInt8]? = nil,
        auth: HTTPAuth? = nil, retryable: Bool? = nil
    ) {
        self.method = method
        self.url = url
        self.headerStorage = headers.map { HeaderField(name: $0.0, value: $0.1) }
        self.body = body
        self.auth = auth
        self.retryable = retryable ?? method.isIdempotent
    }

    /// The URL without query or user info (or, when ``pathIsSecret``, without its path), safe for messages and logs.
    public var redactedURL: String { pathIsSecret ? URLRedaction.hostOnly(url) : URLRedaction.redact(url) }
}

struct HeaderField: Sendable, Hashable {
    var name: String
    var value: String
}

/// A complete HTTP response (the final one: libcurl's own digest 401 round trip is not reported).
public struct HTTPResponse: Sendable, Hashable {
    public var status: Int
    /// Header fields of the final response, in order, names as received.
    public var headers: [(String, String)] { headerStorage.map { ($0.name, $0.value) } }
    public var body: [UInt8]
    /// `Retry-After` in seconds, from libcurl (`CURLINFO_RETRY_AFTER`) or the header.
    public var retryAfter: Double?
    /// How many attempts the client made (1 = no retry).
    public var attempts: Int

    private var headerStorage: [HeaderField]

    /// Creates a response (used by the engine and by tests of pure code).
    public init(status: Int, headers: [(String, String)] = [], body: [UInt8] = [], retryAfter: Double? = nil, attempts: Int = 1) {
        self.status = status
        self.headerStorage = headers.map { HeaderField(name: $0.0, value: $0.1) }
        self.body = body
        self.retryAfter = retryAfter
        self.attempts = attempts
    }

    /// The first header field with this name (case-insensitive).
    public func header(_ name: String) -> String? {
        headerStorage.first { $0.name.lowercased() == name.lowercased() }?.value
    }

    /// Whether the status is 2xx.
    public var isSuccess: Bool { (200..<300).contains(status) }
}

extension HTTPRequest: CustomStringConvertible, CustomDebugStringConvertible {
    /// Method and URL without user info or query; header values and the body are never printed.
    public var description: String { "\(method.rawValue) \(redactedURL)" }
    public var debugDescription: String {
        "HTTPRequest(\(description), headers: \(headers.map(\.0)), auth: \(auth.map { "\($0)" } ?? "none"))"
    }
}
