import TrotterSupport

/// Settings of an `HTTPClient`.
public struct HTTPClientConfiguration: Sendable, Hashable {
    /// How the client finds a proxy.
    public enum Proxy: Sendable, Hashable {
        /// libcurl's default: `http_proxy`, `https_proxy`, `all_proxy` and `no_proxy` from the environment.
        case environment
        /// Never use a proxy, whatever the environment says.
        case none
        /// This proxy URL (e.g. `http://proxy:3128`).
        case url(String)
    }

    /// Seconds to establish a connection (TCP + TLS).
    public var connectTimeout: Double
    /// Seconds for a whole transfer, one attempt.
    public var totalTimeout: Double
    /// Transfers in flight per `scheme://host:port`; more wait their turn.
    public var maxConcurrentPerHost: Int
    public var retryPolicy: HTTPRetryPolicy
    public var userAgent: String
    public var proxy: Proxy
    /// Largest body accepted, in bytes.
    public var maxResponseBytes: Int
    /// PEM file of the CAs to trust instead of the system's (libcurl `CAINFO`): a `trotter serve` with a
    /// certificate from a private CA. Nil: the system's CA store.
    public var caFile: String? = nil

    /// Creates a configuration; defaults suit the Atlas API.
    public init(
        connectTimeout: Double = 10, totalTimeout: Double = 60, maxConcurrentPerHost: Int = 4,
        retryPolicy: HTTPRetryPolicy = .standard, userAgent: String = TrotterVersion.userAgent,
        proxy: Proxy = .environment, maxResponseBytes: Int = 64 << 20
    ) {
        self.connectTimeout = connectTimeout
        self.totalTimeout = totalTimeout
        self.maxConcurrentPerHost = max(1, maxConcurrentPerHost)
        self.retryPolicy = retryPolicy
        self.userAgent = userAgent
        self.proxy = proxy
        self.maxResponseBytes = maxResponseBytes
    }
}
