import AWSAPI
import CurlHTTP
import Foundation
import Orchestration
import TrotterSupport

/// Lambda's `Invoke` on the wire, from AWS's API reference: the request, and what its answers mean. Pure.
enum LambdaWire {
    /// `X-Amz-Client-Context` may carry at most this many bytes (base64).
    static let clientContextLimit = 3583

    /// `POST /2015-03-31/functions/{FunctionName}/invocations[?Qualifier=Q]`.
    static func call(_ spec: LambdaJobSpec, clientContext: String) -> AWSClient.Call {
        let path = "/2015-03-31/functions/\(AWSPercent.encode(spec.function, keepSlash: false))/invocations"
        let query = spec.qualifier.map { "Qualifier=\(AWSPercent.encode($0, keepSlash: false))" } ?? ""
        let type = spec.invocation == .sync ? "RequestResponse" : "Event"
        return AWSClient.Call(service: "lambda", endpointSuffix: "LAMBDA", region: spec.region, path: path, query: query,
                              headers: [("X-Amz-Invocation-Type", type), ("X-Amz-Client-Context", clientContext)],
                              body: Array((spec.payload ?? "").utf8))
    }

    /// The run's context as the function reads it in `context.clientContext.custom` (values are strings, as the
    /// Java and .NET runtimes require of `custom`).
    static func clientContext(_ invocation: JobInvocation, taskToken: String?) -> String {
        var custom: [String: String] = ["runId": invocation.runID, "machine": invocation.machine, "phase": invocation.phase,
                                        "job": invocation.job, "attempt": String(invocation.attempt)]
        if let taskToken { custom["taskToken"] = taskToken }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let json = (try? encoder.encode(["custom": custom])) ?? Data("{}".utf8)
        return json.base64EncodedString()
    }

    /// What an answer means for the attempt.
    enum Answer: Sendable, Equatable {
        /// 200, 202 or 204 without a function error: the function's result (sync) or the accepted event.
        case succeeded(status: Int, result: [UInt8])
        /// The function ran and failed (`X-Amz-Function-Error`): `errorType: errorMessage`.
        case functionError(String)
        /// 429: come back after this many seconds (the body's `retryAfterSeconds`, else `Retry-After`).
        case throttled(retryAfter: Double?, message: String)
        /// 500, 502, 503, 504: the service's fault; another try may work.
        case transient(status: Int, message: String)
        /// Any other 4xx or 5xx: retrying the same request will not help.
        case rejected(String)
    }

    static func classify(_ response: HTTPResponse, function: String) -> Answer {
        let status = response.status
        if (200..<300).contains(status) {
            guard let kind = response.header("X-Amz-Function-Error") else { return .succeeded(status: status, result: response.body) }
            let body = json(response.body)
            let type = body["errorType"]?.stringValue ?? kind
            let message = body["errorMessage"]?.stringValue ?? OutputTail.of(Data(response.body))
            return .functionError("\(type): \(message)")
        }
        let body = json(response.body)
        let found = errorType(response, body)
        let type = found ?? "HTTP \(status)"
        let message = (body["message"] ?? body["Message"])?.stringValue ?? OutputTail.of(Data(response.body))
        let text = "Lambda \(function): \(found.map { "\($0) (HTTP \(status))" } ?? type)" + (message.isEmpty ? "" : ": \(message)")
        switch status {
        case 429:
            let seconds = body["retryAfterSeconds"]?.stringValue.flatMap(Double.init)
                ?? body["retryAfterSeconds"]?.doubleValue ?? response.retryAfter
            return .throttled(retryAfter: seconds, message: text)
        case 500, 502, 503, 504: return .transient(status: status, message: text)
        default: return .rejected(text + hint(status: status, type: type))
        }
    }

    /// `X-Amzn-ErrorType` (without what follows `:`), else the body's `__type` or `Type`.
    private static func errorType(_ response: HTTPResponse, _ body: JSONValue) -> String? {
        if let header = response.header("X-Amzn-ErrorType"), !header.isEmpty {
            return String(header.split(separator: ":").first ?? Substring(header))
        }
        let type = (body["__type"] ?? body["Type"])?.stringValue
        return type.map { String($0.split(separator: "#").last ?? Substring($0)) }
    }

    private static func hint(status: Int, type: String) -> String {
        switch (status, type) {
        case (404, _), (_, "ResourceNotFoundException"): "; check the function name, qualifier and region"
        case (403, _), (401, _): "; check the credentials and that they may call lambda:InvokeFunction"
        case (413, _), (_, "RequestTooLargeException"): "; the payload is over Lambda's limit"
        default: ""
        }
    }

    /// The body as JSON, or an empty object when it is not JSON (a proxy's HTML page, a cut-off answer).
    private static func json(_ bytes: [UInt8]) -> JSONValue {
        (try? JSONValue.parse(bytes)) ?? .object([:])
    }
}
