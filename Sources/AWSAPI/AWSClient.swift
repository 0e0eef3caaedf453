import CurlHTTP
import Foundation
import TrotterSupport

/// Signs requests with SigV4 and sends them through trotter's libcurl client, resolving credentials and
/// endpoints through ``AWSEnvironment`` on every call (so a rotated profile file is picked up).
///
/// Give it an ``HTTPClient`` without retries of its own (``HTTPClientConfiguration/aws``): a signature carries
/// its time, so each retry is signed again here, by the caller's policy.
public struct AWSClient: Sendable {
    public let http: HTTPClient
    public let environment: AWSEnvironment
    /// The clock signatures use (tests pin it).
    let now: @Sendable () -> Date

    public init(http: HTTPClient, environment: AWSEnvironment = AWSEnvironment(), now: @escaping @Sendable () -> Date = { Date() }) {
        self.http = http; self.environment = environment; self.now = now
    }

    /// One AWS service call.
    public struct Call: Sendable {
        /// SigV4 service name (`lambda`, `events`).
        public var service: String
        /// The suffix of its endpoint variable (`LAMBDA`, `EVENTBRIDGE`).
        public var endpointSuffix: String
        public var region: String?
        public var method: HTTPMethod = .post
        /// Percent-encoded path.
        public var path: String
        public var query: String = ""
        public var headers: [(String, String)] = []
        public var body: [UInt8] = []

        public init(service: String, endpointSuffix: String, region: String?, method: HTTPMethod = .post, path: String,
                    query: String = "", headers: [(String, String)] = [], body: [UInt8] = []) {
            self.service = service; self.endpointSuffix = endpointSuffix; self.region = region; self.method = method
            self.path = path; self.query = query; self.headers = headers; self.body = body
        }
    }

    /// Signs and sends one call (no retries). - Throws: ``AWSConfigurationError`` or ``HTTPError``.
    public func send(_ call: Call) async throws -> HTTPResponse {
        let region = try environment.region(call.region)
        let credentials = try environment.credentials()
        let base = environment.endpoint(service: call.service, envSuffix: call.endpointSuffix, region: region)
        guard let host = Self.authority(of: base) else {
            throw AWSConfigurationError("endpoint \(URLRedaction.redact(base)) is not an http:// or https:// URL")
        }
        let prefix = Self.pathPrefix(of: base)
        var headers = [("Host", host)] + call.headers
        let request = SigV4.Request(method: call.method.rawValue, path: prefix + call.path, query: call.query,
                                    headers: headers, body: call.body)
        let signed = SigV4.sign(request, credentials: credentials, scope: SigV4.Scope(region: region, service: call.service),
                                date: now())
        headers += signed.addedHeaders
        // libcurl would add a form content type to a POST without one; it is not signed, so drop it.
        if !headers.contains(where: { $0.0.lowercased() == "content-type" }) { headers.append(("Content-Type", "")) }
        let url = base + call.path + (call.query.isEmpty ? "" : "?" + call.query)
        return try await http.send(HTTPRequest(method: call.method, url: url, headers: headers, body: call.body, retryable: false))
    }

    /// `host[:port]` of a base URL, as the `Host` header carries it.
    static func authority(of url: String) -> String? {
        guard let range = url.range(of: "://"), url.hasPrefix("http") else { return nil }
        let rest = url[range.upperBound...]
        let authority = rest.prefix { $0 != "/" && $0 != "?" }
        let host = authority.split(separator: "@").last.map(String.init) ?? ""
        return host.isEmpty ? nil : host
    }

    /// The path of a base URL (`http://host/prefix` → `/prefix`), empty for none.
    static func pathPrefix(of url: String) -> String {
        guard let range = url.range(of: "://") else { return "" }
        let rest = url[range.upperBound...]
        guard let slash = rest.firstIndex(of: "/") else { return "" }
        return String(rest[slash...])
    }
}

extension HTTPClientConfiguration {
    /// For AWS calls: no retries in the client (each retry must be signed again), a longer transfer timeout for
    /// synchronous Lambda invocations (up to 15 minutes), responses up to 8 MB.
    public static var aws: HTTPClientConfiguration {
        HTTPClientConfiguration(totalTimeout: 905, maxConcurrentPerHost: 16, retryPolicy: .none, maxResponseBytes: 8 << 20)
    }
}
