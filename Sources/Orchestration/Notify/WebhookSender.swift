public import Foundation

/// Posts JSON to a URL: what the notifier and the `http` executor need of an HTTP client. The engine takes any
/// implementation; ``CurlWebhookSender`` (trotter's libcurl client) is the one the product uses.
public protocol WebhookSender: Sendable {
    /// POSTs `json` with `Content-Type: application/json`.
    /// - Returns: the response status and body.
    /// - Throws: ``WebhookError`` when no response came (refused, timed out, cancelled).
    func post(url: String, json: Data) async throws -> (status: Int, body: Data)
}

/// A POST that got no HTTP response.
public struct WebhookError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The address as shown: scheme and host only (``URLRedaction/hostOnly(_:)``).
    public var url: String
    public var reason: String

    public init(url: String, reason: String) { self.url = url; self.reason = reason }
    public var description: String {
        "POST \(url) failed: \(reason); check that the address is right and the receiver is running"
    }
}
