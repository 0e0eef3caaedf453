/// What a client needs to talk to a running sandbox; also the `--credentials-file` JSON.
///
/// The secrets are the sandbox's own throwaway credentials, but they are still secrets: `description`
/// redacts them, and only `trotter sandbox`'s human output and credentials file show them.
public struct SandboxCredentials: Sendable, Codable, Hashable, CustomStringConvertible, CustomDebugStringConvertible {
    /// One project of the synthetic organisation.
    public struct Project: Sendable, Codable, Hashable {
        public let id: String
        public let name: String
    }

    /// Base URL serving both the Atlas Admin API and the App Services Admin API, e.g. "http://127.0.0.1:8080".
    public let baseURL: String
    /// Organisation API key: the Digest user name.
    public let publicKey: String
    /// Organisation API key: the Digest password.
    public let privateKey: String
    /// Service account client ID (`mdb_sa_id_…`).
    public let clientId: String
    /// Service account secret (`mdb_sa_sk_…`).
    public let clientSecret: String
    public let orgId: String
    public let projects: [Project]

    public var description: String {
        "SandboxCredentials(baseURL: \(baseURL), publicKey: \(publicKey), privateKey: <redacted>, "
            + "clientId: \(clientId), clientSecret: <redacted>, orgId: \(orgId), projects: \(projects.count))"
    }

    public var debugDescription: String { description }
}
