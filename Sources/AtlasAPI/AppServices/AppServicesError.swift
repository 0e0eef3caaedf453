import CurlHTTP
import Foundation
import TrotterSupport

/// An error answer from the App Services Admin API (`{ "error": ..., "error_code": ... }`), or a
/// limitation of how trotter can reach it.
public struct AppServicesError: Error, Sendable, Hashable, CustomStringConvertible {
    /// HTTP status; 0 when trotter refused before sending.
    public var status: Int
    public var errorCode: String?
    public var message: String?
    public var target: String

    public init(status: Int, errorCode: String?, message: String?, target: String) {
        self.status = status; self.errorCode = errorCode; self.message = message; self.target = target
    }

    init(response: HTTPResponse, target: String, redacting secrets: [Secret]) {
        var code: String?, message: String?
        if let body = try? JSONValue.parse(response.body) {
            code = body["error_code"]?.stringValue ?? body["errorCode"]?.stringValue
            message = body["error"]?.stringValue ?? body["detail"]?.stringValue
        } else if !response.body.isEmpty {
            message = String(decoding: response.body.prefix(200), as: UTF8.self)
        }
        self.init(status: response.status, errorCode: code, message: message.map { Redaction.scrub($0, secrets: secrets) },
                  target: target)
    }

    /// The App Services Admin API signs in only with a programmatic API key (its published spec's login takes
    /// `username` + `apiKey`; it documents no service-account flow).
    public static let serviceAccountUnsupported = AppServicesError(
        status: 0, errorCode: "SERVICE_ACCOUNT_UNSUPPORTED",
        message: "the App Services Admin API accepts only a programmatic API key (public/private key) for login",
        target: "")

    /// A function ran but reported an error.
    public static func functionFailed(_ name: String, _ message: String, target: String) -> AppServicesError {
        AppServicesError(status: 200, errorCode: "FunctionExecutionError", message: "function \(name) failed: \(message)", target: target)
    }

    public var description: String {
        var s = status == 0 ? "App Services cannot be used" : "App Services answered HTTP \(status)"
        if let errorCode { s += " \(errorCode)" }
        if !target.isEmpty { s += " to \(target)" }
        if let message, !message.isEmpty { s += ": \(message)" }
        while s.hasSuffix(".") || s.hasSuffix(" ") { s.removeLast() }
        return s + ". " + advice
    }

    public var advice: String {
        switch (errorCode, status) {
        case ("SERVICE_ACCOUNT_UNSUPPORTED", _):
            return "Create a project API key with the Project Owner role for the worker set-up and set "
                + "ATLAS_PUBLIC_KEY/ATLAS_PRIVATE_KEY; the service account still works for the Atlas monitoring calls."
        case ("FunctionExecutionError", _):
            return "Check the function's logs in App Services; re-deploy the worker if its source is outdated."
        case (_, 401), ("InvalidSession", _):
            return "Check the API key (it may be wrong, revoked, or not allowed from this IP address)."
        case (_, 403):
            return "The API key needs the Project Owner role on this project to manage App Services apps."
        case (_, 404):
            return "The app, function or project does not exist (any more); re-run the worker set-up."
        case (_, 409):
            return "Something with this name already exists."
        case (_, 429):
            return "App Services is rate limiting these requests; wait a minute."
        case (_, 500...599):
            return "App Services had a server-side problem; try again in a few minutes."
        default:
            return "Check the request; see the App Services Admin API documentation for this code."
        }
    }
}
