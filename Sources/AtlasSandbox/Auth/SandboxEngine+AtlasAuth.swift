import Foundation

extension SandboxEngine {
    /// Authenticates an Atlas v2 request by Digest (API key) or Bearer (service-account token).
    ///
    /// - Returns: the principal, or the 401 to send (with fresh digest challenges).
    func authenticateAtlas(_ request: SandboxRequest) -> Result<Principal, AuthFailure> {
        guard let header = request.header("authorization") else {
            return .failure(AuthFailure(response: unauthorized(stale: false, detail: nil)))
        }
        if header.lowercased().hasPrefix("bearer ") {
            let token = String(header.dropFirst("bearer ".count)).trimmingCharacters(in: .whitespaces)
            switch keys.checkBearer(token) {
            case .valid(let principal): return .success(principal)
            case .expired:
                return .failure(AuthFailure(response: .atlasError(
                    401, "UNAUTHORIZED", "The access token has expired. Request a new token from /api/oauth/token.")))
            case .unknown:
                return .failure(AuthFailure(response: .atlasError(401, "UNAUTHORIZED", "Invalid access token.")))
            }
        }
        guard let credentials = Digest.parse(authorization: header), let user = credentials.username,
            let algorithm = credentials.algorithm, configuration.digestAlgorithms.contains(algorithm),
            let nonce = credentials.nonce, let sent = credentials.response
        else {
            return .failure(AuthFailure(response: unauthorized(stale: false, detail: nil)))
        }
        // The digest covers the request target; a client signing another URI is not authenticated for this one.
        let uriPath = credentials.uri.map { String($0.split(separator: "?", maxSplits: 1).first ?? "") }
        guard uriPath == request.path, credentials.realm == SandboxEngine.realm,
            let key = keys.apiKey(user),
            let expected = Digest.expectedResponse(credentials, password: key.privateKey,
                                                    method: request.method, algorithm: algorithm),
            Digest.constantTimeEqual(expected, sent)
        else {
            return .failure(AuthFailure(response: unauthorized(stale: false, detail: nil)))
        }
        switch nonces.verify(nonce) {
        case .fresh: return .success(key.principal)
        // RFC 7616 §3.3: right password, old nonce → stale=true so the client retries without asking the user.
        case .stale: return .failure(AuthFailure(response: unauthorized(stale: true, detail: nil)))
        case .invalid: return .failure(AuthFailure(response: unauthorized(stale: false, detail: nil)))
        }
    }

    /// 401 with one `WWW-Authenticate: Digest` challenge per configured algorithm.
    func unauthorized(stale: Bool, detail: String?) -> SandboxResponse {
        let challenges = configuration.digestAlgorithms.map { algorithm in
            ("WWW-Authenticate", Digest.challenge(realm: SandboxEngine.realm, nonce: nonces.issue(), opaque: opaque,
                                                  algorithm: algorithm, stale: stale))
        }
        return .atlasError(401, "UNAUTHORIZED", detail ?? "You are not authorized for this resource.",
                           headers: challenges)
    }

    /// The 401/403 for a principal that may not see a project.
    func forbidden(_ principal: Principal, projectID: String) -> SandboxResponse {
        .atlasError(401, "USER_UNAUTHORIZED", "Current user is not authorized to perform this action.")
    }
}

/// A failed authentication and the response that says so.
struct AuthFailure: Error {
    let response: SandboxResponse
}
