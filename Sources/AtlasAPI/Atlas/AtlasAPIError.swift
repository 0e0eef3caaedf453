import CurlHTTP
import Foundation
import TrotterSupport

/// An error answer from the Atlas Administration API (or its OAuth token endpoint), with what to do about it.
/// Built from the documented error body `{ detail, error, errorCode, parameters, reason }`; OAuth's
/// `{ error, error_description }` and non-JSON bodies are understood too.
public struct AtlasAPIError: Error, Sendable, Hashable, CustomStringConvertible {
    /// HTTP status.
    public var status: Int
    /// Atlas's `errorCode` (e.g. `IP_ADDRESS_NOT_ON_ACCESS_LIST`), or OAuth's `error` (e.g. `invalid_client`).
    public var errorCode: String?
    public var detail: String?
    public var reason: String?
    /// `Retry-After` of a 429, in seconds.
    public var retryAfter: Double?
    /// Method and redacted URL.
    public var target: String

    /// Creates an error from its parts.
    public init(status: Int, errorCode: String?, detail: String?, reason: String?, retryAfter: Double? = nil, target: String = "") {
        self.status = status; self.errorCode = errorCode; self.detail = detail; self.reason = reason
        self.retryAfter = retryAfter; self.target = target
    }

    /// Decodes an error response; any known secret in the server's text is replaced by `<redacted>`.
    public init(response: HTTPResponse, target: String, redacting secrets: [Secret] = []) {
        var code: String?, detail: String?, reason: String?
        if let body = try? JSONValue.parse(response.body) {
            code = body["errorCode"]?.stringValue ?? body["error_code"]?.stringValue ?? body["error"]?.stringValue
            detail = body["detail"]?.stringValue ?? body["error_description"]?.stringValue
                ?? (body["errorCode"] == nil ? nil : body["error"]?.stringValue)
            reason = body["reason"]?.stringValue
        } else if !response.body.isEmpty {
            detail = String(decoding: response.body.prefix(200), as: UTF8.self)
        }
        self.init(status: response.status, errorCode: code, detail: detail.map { Redaction.scrub($0, secrets: secrets) },
                  reason: reason, retryAfter: response.retryAfter, target: target)
    }

    public var description: String {
        var s = "Atlas answered HTTP \(status)"
        if let errorCode { s += " \(errorCode)" }
        if !target.isEmpty { s += " to \(target)" }
        if let text = detail.flatMap({ $0.isEmpty ? nil : $0 }) ?? reason { s += ": " + text }
        while s.hasSuffix(".") || s.hasSuffix(" ") { s.removeLast() }  // the server's text often ends in "."
        return s + ". " + advice
    }

    /// What a person should do, by error code first, then by status.
    public var advice: String {
        switch errorCode {
        case "IP_ADDRESS_NOT_ON_ACCESS_LIST", "ORG_REQUIRES_ACCESS_LIST":
            return "Add this machine's public IP address to the API key's or service account's access list "
                + "(Atlas: Organization > Access Manager > Applications), or run trotter from an allowed address."
        case "USER_UNAUTHORIZED", "UNAUTHORIZED", "invalid_client", "NOT_ORG_GROUP_CREATOR":
            return authAdvice
        case "INVALID_GROUP_ID":
            return "A project ID is 24 hexadecimal characters; copy it from the project's settings in Atlas."
        case "GROUP_NOT_FOUND":
            return "No project with this ID is visible to these credentials: check the ID, and that the key or "
                + "service account has a role in that project."
        case "RESOURCE_NOT_FOUND", "CLUSTER_NOT_FOUND", "PROCESS_NOT_FOUND":
            return "It no longer exists or was never there; refresh the list and try again."
        case "RATE_LIMITED", "RATE_LIMITED_TOKEN_BUCKET":
            return rateAdvice
        default:
            break
        }
        switch status {
        case 401: return authAdvice
        case 403: return "These credentials lack the role this needs: give them at least Organization Read Only "
            + "(or Project Read Only on each project)."
        case 404: return "It no longer exists or was never there; check the ID and refresh."
        case 406: return "Atlas did not accept the requested API version; update trotter."
        case 429: return rateAdvice
        case 500...599: return "Atlas had a server-side problem; trotter already retried. Try again in a few minutes."
        default: return "Check the request and credentials; see the Atlas Administration API documentation for this code."
        }
    }

    private var authAdvice: String {
        "Check ATLAS_PUBLIC_KEY/ATLAS_PRIVATE_KEY (or ATLAS_CLIENT_ID/ATLAS_CLIENT_SECRET): the key may be mistyped, "
            + "revoked or expired, or lack access to this organisation or project."
    }

    private var rateAdvice: String {
        let wait = retryAfter.map { " Atlas asked to wait \(Int($0.rounded(.up))) s." } ?? ""
        return "Atlas is rate limiting these requests and trotter's retries ran out.\(wait) "
            + "Wait a minute, refresh less often, or watch fewer projects at once."
    }

    /// Whether the credentials themselves were refused (as opposed to a missing resource or a limit).
    public var isAuthenticationFailure: Bool { status == 401 || errorCode == "USER_UNAUTHORIZED" || errorCode == "invalid_client" }
}
