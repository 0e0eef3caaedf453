/// Why a call to a `trotter serve` failed, worded for a person (never with the token).
public enum RemoteError: Error, CustomStringConvertible, Sendable, Equatable {
    /// 401: no token, or an unknown or revoked one.
    case unauthorized(String)
    /// 403: the token's role may not do this.
    case forbidden(String)
    /// Any other refusal (400, 404, 409, 5xx) with the server's message.
    case refused(status: Int, message: String)
    /// The server could not be reached.
    case unreachable(String)

    public var description: String {
        switch self {
        case .unauthorized(let m): "401 unauthorized: \(m) (set TROTTER_TOKEN or --token to a live token from `trotter tokens create`)"
        case .forbidden(let m): "403 forbidden: \(m)"
        case .refused(let status, let m): "the server refused (\(status)): \(m)"
        case .unreachable(let m): "the manager server is unreachable: \(m)"
        }
    }
}
