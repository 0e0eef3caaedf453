import Foundation

extension SandboxEngine {
    /// `POST /api/oauth/token`: Basic `clientId:clientSecret`, form `grant_type=client_credentials`
    /// → `{access_token, expires_in, token_type: "Bearer"}`. Errors follow RFC 6749 §5.2.
    func handleTokenRequest(_ request: SandboxRequest) -> SandboxResponse {
        guard request.method == "POST" else {
            return .json(["error": "invalid_request", "error_description": "Use POST."], status: 405)
        }
        guard let header = request.header("authorization"), header.lowercased().hasPrefix("basic "),
            let decoded = Data(base64Encoded: String(header.dropFirst(6)).trimmingCharacters(in: .whitespaces)),
            let pair = String(data: decoded, encoding: .utf8), let colon = pair.firstIndex(of: ":"),
            keys.serviceAccountMatches(clientID: String(pair[..<colon]), secret: String(pair[pair.index(after: colon)...]))
        else {
            return SandboxResponse(
                status: 401, headers: [("Content-Type", "application/json"), ("WWW-Authenticate", "Basic realm=\"oauth\"")],
                body: JSON.object([("error", "invalid_client"), ("error_description", "Client authentication failed.")]).bytes)
        }
        let form = SandboxRequest.parseForm(String(decoding: request.body, as: UTF8.self))
        guard form.first(where: { $0.name == "grant_type" })?.value == "client_credentials" else {
            return .json(["error": "unsupported_grant_type",
                          "error_description": "Only grant_type=client_credentials is supported."], status: 400)
        }
        let clientID = String(pair[..<colon])
        let token = keys.issueBearer(for: clientID, lifetime: configuration.tokenLifetime)
        return .json([
            "access_token": .string(token),
            "expires_in": .int(Int64(configuration.tokenLifetime.rounded())),
            "token_type": "Bearer",
        ])
    }
}
