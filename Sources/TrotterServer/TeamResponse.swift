import DashboardModel
import Foundation

/// A response before Hummingbird writes it.
struct TeamResponse: Sendable {
    var status: Int
    var contentType: String
    var body: [UInt8]
    /// A body written piece by piece as it comes (the change stream), instead of `body`; it gets a writer and
    /// returns when the stream ends.
    var stream: (@Sendable (_ write: ([UInt8]) async throws -> Void) async throws -> Void)? = nil

    static func json(_ value: some Encodable, status: Int = 200) -> TeamResponse {
        let bytes = (try? TeamWire.encoder().encode(value)).map(Array.init) ?? Array("{}".utf8)
        return TeamResponse(status: status, contentType: "application/json", body: bytes)
    }

    static func failure(_ status: Int, _ message: String) -> TeamResponse {
        json(TeamWire.Failure(error: message, status: status), status: status)
    }

    static func text(_ text: String, contentType: String = "text/plain; charset=utf-8") -> TeamResponse {
        TeamResponse(status: 200, contentType: contentType, body: Array(text.utf8))
    }
}

/// A refusal with its HTTP status, worded for a person.
struct TeamAPIError: Error {
    let status: Int
    let message: String
    init(_ status: Int, _ message: String) { self.status = status; self.message = message }
}
