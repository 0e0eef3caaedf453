/// A response before faults are applied: status, headers and the complete body.
struct SandboxResponse: Sendable {
    var status: Int
    var headers: [(String, String)]
    var body: [UInt8]

    init(status: Int, headers: [(String, String)] = [], body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// JSON body with the given content type.
    static func json(_ value: JSON, status: Int = 200, contentType: String = "application/json") -> SandboxResponse {
        SandboxResponse(status: status, headers: [("Content-Type", contentType)], body: value.bytes)
    }

    /// An Atlas Admin API v2 error: `{detail, error, errorCode, parameters, reason}`.
    static func atlasError(_ status: Int, _ code: String, _ detail: String, parameters: [String] = [],
                           headers: [(String, String)] = []) -> SandboxResponse {
        let body: JSON = [
            "detail": .string(detail),
            "error": .int(Int64(status)),
            "errorCode": .string(code),
            "parameters": .array(parameters.map(JSON.string)),
            "reason": .string(reasonPhrase(status)),
        ]
        var response = json(body, status: status)
        response.headers += headers
        return response
    }

    /// An App Services Admin API error: `{error, error_code}`.
    static func appServicesError(_ status: Int, _ code: String, _ message: String) -> SandboxResponse {
        json(["error": .string(message), "error_code": .string(code)], status: status)
    }

    static func reasonPhrase(_ status: Int) -> String {
        switch status {
        case 400: "Bad Request"
        case 401: "Unauthorized"
        case 403: "Forbidden"
        case 404: "Not Found"
        case 405: "Method Not Allowed"
        case 406: "Not Acceptable"
        case 409: "Conflict"
        case 429: "Too Many Requests"
        case 500: "Internal Server Error"
        case 503: "Service Unavailable"
        default: "Error"
        }
    }
}
