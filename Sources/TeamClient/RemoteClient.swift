import CurlHTTP
import DashboardModel
import Foundation

/// Where a remote `trotter` finds its server: `TROTTER_MANAGER_URL` and `TROTTER_TOKEN` (or `--manager`/`--token`).
public struct RemoteTarget: Sendable, Hashable {
    public var baseURL: String
    public var token: String?

    public init(baseURL: String, token: String?) {
        self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        self.token = token
    }

    /// The server named by the environment, or nil for the embedded manager.
    public static func fromEnvironment(_ env: [String: String] = ProcessInfo.processInfo.environment) -> RemoteTarget? {
        guard let url = env["TROTTER_MANAGER_URL"], !url.isEmpty else { return nil }
        return RemoteTarget(baseURL: url, token: env["TROTTER_TOKEN"].flatMap { $0.isEmpty ? nil : $0 })
    }
}

/// JSON over the project's libcurl client to a `trotter serve`.
public struct RemoteClient: Sendable {
    public let target: RemoteTarget
    let http: HTTPClient

    public init(target: RemoteTarget, http: HTTPClient) { self.target = target; self.http = http }

    /// Sends one request and returns the body of a 2xx answer; anything else becomes a ``RemoteError``.
    public func call(_ method: HTTPMethod, _ path: String, body: (any Encodable)? = nil,
                     headers extra: [(String, String)] = []) async throws -> [UInt8] {
        var headers: [(String, String)] = [("Accept", "application/json")] + extra
        if let token = target.token { headers.append(("Authorization", "Bearer \(token)")) }
        var bytes: [UInt8]?
        if let body {
            bytes = Array(try TeamWire.encoder().encode(body))
            headers.append(("Content-Type", "application/json"))
        }
        let response: HTTPResponse
        do {
            response = try await http.send(HTTPRequest(method: method, url: target.baseURL + path, headers: headers, body: bytes,
                                                       retryable: method == .get))
        } catch {
            throw RemoteError.unreachable("\(target.baseURL): \(error)" + (error.kind == .tls ? Self.caAdvice : ""))
        }
        if response.isSuccess { return response.body }
        throw Self.refusal(response)
    }

    /// The ``RemoteError`` of a non-2xx answer, with the server's message.
    static func refusal(_ response: HTTPResponse) -> RemoteError {
        let message = (try? TeamWire.decoder().decode(TeamWire.Failure.self, from: Data(response.body)))?.error
            ?? String(decoding: response.body.prefix(300), as: UTF8.self)
        switch response.status {
        case 401: return .unauthorized(message)
        case 403: return .forbidden(message)
        default: return .refused(status: response.status, message: message)
        }
    }

    public func get<T: Decodable>(_ type: T.Type, _ path: String) async throws -> T {
        try TeamWire.decoder().decode(T.self, from: Data(try await call(.get, path)))
    }

    public func send<T: Decodable>(_ type: T.Type, _ method: HTTPMethod, _ path: String, body: (any Encodable)? = nil) async throws -> T {
        try TeamWire.decoder().decode(T.self, from: Data(try await call(method, path, body: body)))
    }

    /// One batch of the change stream after `lastEventID` (server-sent events; the server ends the response once
    /// it has sent what is new, or after `wait` seconds of nothing, and the client asks again with the last id).
    public func events(after lastEventID: Int64, wait: Double = 15) async throws -> [TeamEvent] {
        let body = try await call(.get, "/v1/events?wait=\(Int(wait))", headers: [("Last-Event-ID", String(lastEventID)),
                                                                                   ("Accept", "text/event-stream")])
        return ServerSentEvents.parse(String(decoding: body, as: UTF8.self))
    }

    static let caAdvice = " If the server's certificate is from a private CA, give its PEM file with TROTTER_CA_FILE or --ca-file."

    static func escape(_ s: String) -> String {
        s.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(CharacterSet(charactersIn: "/?&=#+"))) ?? s
    }
}
