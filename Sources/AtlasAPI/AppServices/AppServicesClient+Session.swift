import CurlHTTP
import Foundation
import TrotterSupport

extension AppServicesClient {
    /// A call decoded as `T`.
    func call<T: Decodable>(_ method: HTTPMethod, _ path: String, body: JSONValue? = nil) async throws -> T {
        let (response, target) = try await raw(method, path, body: body)
        return try decode(T.self, response, target)
    }

    /// A body of any shape, read with the direct parser (see `JSONValue+Parse.swift`).
    func decodeValue(_ response: HTTPResponse, _ target: String) throws -> JSONValue {
        do {
            return try JSONValue.parse(response.body)
        } catch {
            throw HTTPError(.malformedBody, target: target, reason: error.description)
        }
    }

    func decode<T: Decodable>(_ type: T.Type, _ response: HTTPResponse, _ target: String) throws -> T {
        do {
            return try JSONDecoder().decode(T.self, from: Data(response.body))
        } catch {
            throw HTTPError(.malformedBody, target: target, reason: Redaction.describe(error))
        }
    }

    /// Sends with a Bearer access token; after a 401 it renews the session once and tries again.
    func raw(_ method: HTTPMethod, _ path: String, body: JSONValue? = nil,
             retryable: Bool? = nil) async throws -> (HTTPResponse, String) {
        let url = baseURL + AtlasEndpoints.appServicesPrefix + path
        let bytes = try body.map { Array(try JSONEncoder().encode($0)) }
        for attempt in 1...2 {
            let token = try await currentAccessToken()
            var headers = [("Accept", "application/json")]
            if bytes != nil { headers.append(("Content-Type", "application/json")) }
            let request = HTTPRequest(method: method, url: url, headers: headers, body: bytes, auth: .bearer(token),
                                      retryable: retryable)
            let target = "\(method.rawValue) \(request.redactedURL)"
            let response = try await http.send(request)
            if response.status == 401 && attempt == 1 {
                // Expired early or revoked: renew and try once more. Only if it is still the token this call used:
                // a parallel call may already have renewed it, and that fresh token is the one to retry with.
                if accessToken?.reveal() == token.reveal() { accessToken = nil }
                continue
            }
            guard response.isSuccess else { throw AppServicesError(response: response, target: target, redacting: secrets) }
            return (response, target)
        }
        preconditionFailure("unreachable: the loop returns or throws")
    }

    var secrets: [Secret] { [credentials.secret] + [accessToken, refreshToken].compactMap { $0 } }

    /// A usable access token: the cached one, a refreshed one, or a fresh login.
    func currentAccessToken() async throws -> Secret {
        if let accessToken, let issued = accessTokenIssued, ContinuousClock.now - issued < .seconds(Self.accessTokenRenewal) {
            return accessToken
        }
        // Callers that arrive while a login or refresh is under way share it (the actor is re-entrant).
        if let renewal { return try await renewal.value }
        let task = Task { () async throws -> Secret in
            if self.refreshToken != nil, let token = try await self.refresh() { return token }
            return try await self.login()
        }
        renewal = task
        defer { renewal = nil }
        return try await task.value
    }

    private func login() async throws -> Secret {
        guard case .apiKey(let publicKey, let privateKey) = credentials else { throw AppServicesError.serviceAccountUnsupported }
        let url = baseURL + AtlasEndpoints.appServicesPrefix + "/auth/providers/mongodb-cloud/login"
        let body: JSONValue = .object(["username": .string(publicKey), "apiKey": .string(privateKey.reveal())])
        let request = HTTPRequest(method: .post, url: url,
                                  headers: [("Accept", "application/json"), ("Content-Type", "application/json")],
                                  body: Array(try JSONEncoder().encode(body)), retryable: true)
        let target = "POST \(request.redactedURL)"
        logins += 1
        let response = try await http.send(request)
        guard response.isSuccess else { throw AppServicesError(response: response, target: target, redacting: [privateKey]) }
        let session = try decode(AppServicesSession.self, response, target)
        accessToken = Secret(session.access_token)
        refreshToken = session.refresh_token.map(Secret.init)
        accessTokenIssued = .now
        return Secret(session.access_token)
    }

    /// Renews the access token; `nil` when the refresh token itself was refused (then a login follows).
    private func refresh() async throws -> Secret? {
        guard let refreshToken else { return nil }
        let url = baseURL + AtlasEndpoints.appServicesPrefix + "/auth/session"
        let request = HTTPRequest(method: .post, url: url, headers: [("Accept", "application/json")],
                                  auth: .bearer(refreshToken), retryable: true)
        let target = "POST \(request.redactedURL)"
        refreshes += 1
        let response = try await http.send(request)
        if response.status == 401 {
            self.refreshToken = nil
            return nil
        }
        guard response.isSuccess else { throw AppServicesError(response: response, target: target, redacting: secrets) }
        struct Renewed: Decodable { let access_token: String }
        let renewed = try decode(Renewed.self, response, target)
        accessToken = Secret(renewed.access_token)
        accessTokenIssued = .now
        return Secret(renewed.access_token)
    }
}
