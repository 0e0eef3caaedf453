import CurlHTTP
import Foundation
import TrotterSupport

/// Exchanges service-account client credentials for Bearer tokens (`POST /api/oauth/token`, Basic auth,
/// `grant_type=client_credentials`) and caches one token per credential until shortly before it expires.
/// Concurrent callers share one in-flight fetch (Atlas allows ~10 token requests a minute per client).
public actor ServiceAccountTokens {
    private struct Cached {
        let token: Secret
        let refreshAt: ContinuousClock.Instant
    }

    private struct TokenResponse: Decodable {
        let access_token: String
        let expires_in: Double?
        let token_type: String?
    }

    private let tokenURL: String
    private let clientID: String
    private let clientSecret: Secret
    private let http: HTTPClient
    private var cached: Cached?
    private var inFlight: Task<Cached, any Error>?
    /// Token requests made (for tests and diagnostics).
    public private(set) var fetchCount = 0

    /// - Parameters:
    ///   - baseURL: the Atlas host, e.g. `https://cloud.mongodb.com`.
    public init(baseURL: String, clientID: String, clientSecret: Secret, http: HTTPClient) {
        self.tokenURL = AtlasEndpoints(atlasBaseURL: baseURL).atlasBaseURL + AtlasEndpoints.oauthTokenPath
        self.clientID = clientID
        self.clientSecret = clientSecret
        self.http = http
    }

    /// A valid token, fetched if none is cached or the cached one is about to expire.
    public func token() async throws -> Secret {
        if let cached, ContinuousClock.now < cached.refreshAt { return cached.token }
        if let inFlight { return try await inFlight.value.token }
        let task = Task { try await self.fetch() }
        inFlight = task
        defer { inFlight = nil }
        let fresh = try await task.value
        cached = fresh
        return fresh.token
    }

    /// Forgets `token` after the API refused it (401), so the next call fetches a new one.
    public func invalidate(_ token: Secret) {
        if cached?.token == token { cached = nil }
    }

    private func fetch() async throws -> Cached {
        fetchCount += 1
        let request = HTTPRequest(
            method: .post, url: tokenURL,
            headers: [("Accept", "application/json"), ("Content-Type", "application/x-www-form-urlencoded")],
            body: Array("grant_type=client_credentials".utf8),
            auth: .basic(user: clientID, password: clientSecret),
            retryable: true)  // asking for a token twice is harmless
        let target = "POST \(request.redactedURL)"
        let response = try await http.send(request)
        guard response.isSuccess else {
            throw AtlasAPIError(response: response, target: target, redacting: [clientSecret])
        }
        let decoded: TokenResponse
        do {
            decoded = try JSONDecoder().decode(TokenResponse.self, from: Data(response.body))
        } catch {
            throw HTTPError(.malformedBody, target: target, reason: Redaction.describe(error))
        }
        let lifetime = decoded.expires_in ?? 3600
        // Refresh a minute early, or at 90 % of a short lifetime, so a token never expires mid-request.
        let margin = min(60, lifetime * 0.1)
        return Cached(token: Secret(decoded.access_token), refreshAt: .now + .milliseconds(Int((lifetime - margin) * 1000)))
    }
}
