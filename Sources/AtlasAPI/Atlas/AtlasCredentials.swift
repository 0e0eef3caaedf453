import TrotterSupport

/// How trotter signs in to Atlas. Both print their public part only.
public enum AtlasCredentials: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible {
    /// A programmatic API key ("legacy" in Atlas's words): HTTP Digest, public key as user name.
    case apiKey(publicKey: String, privateKey: Secret)
    /// A service account: client credentials exchanged for a one-hour Bearer token.
    case serviceAccount(clientID: String, clientSecret: Secret)

    /// The public identifier (public key or client ID), safe to show.
    public var publicID: String {
        switch self {
        case .apiKey(let key, _): key
        case .serviceAccount(let id, _): id
        }
    }

    /// The secret part, for redaction checks.
    var secret: Secret {
        switch self {
        case .apiKey(_, let s): s
        case .serviceAccount(_, let s): s
        }
    }

    public var description: String {
        switch self {
        case .apiKey(let key, _): "API key \(key) (private key <redacted>)"
        case .serviceAccount(let id, _): "service account \(id) (secret <redacted>)"
        }
    }

    public var debugDescription: String { "AtlasCredentials(\(description))" }

    /// Reads `ATLAS_PUBLIC_KEY`/`ATLAS_PRIVATE_KEY`, else `ATLAS_CLIENT_ID`/`ATLAS_CLIENT_SECRET`.
    /// - Returns: `nil` when neither pair is complete.
    public static func fromEnvironment(_ env: [String: String]) -> AtlasCredentials? {
        if let pub = env["ATLAS_PUBLIC_KEY"], !pub.isEmpty, let priv = env["ATLAS_PRIVATE_KEY"], !priv.isEmpty {
            return .apiKey(publicKey: pub, privateKey: Secret(priv))
        }
        if let id = env["ATLAS_CLIENT_ID"], !id.isEmpty, let secret = env["ATLAS_CLIENT_SECRET"], !secret.isEmpty {
            return .serviceAccount(clientID: id, clientSecret: Secret(secret))
        }
        return nil
    }
}
