import CurlHTTP
import Foundation
import Orchestration
import TrotterSupport

/// Posts webhooks (run notifications, threshold alerts, `http` jobs) through trotter's libcurl client, so
/// they share its timeouts, retries, proxy settings and User-Agent. A webhook's path is its secret: errors and
/// the client's log lines show the scheme and host only.
public struct CurlWebhookSender: WebhookSender {
    let http: HTTPClient

    public init(http: HTTPClient) { self.http = http }

    public func post(url: String, json: Data) async throws -> (status: Int, body: Data) {
        do {
            var request = HTTPRequest(method: .post, url: url, headers: [("Content-Type", "application/json")], body: Array(json))
            request.pathIsSecret = true
            let r = try await http.send(request)
            return (r.status, Data(r.body))
        } catch {
            throw WebhookError(url: URLRedaction.hostOnly(url), reason: "\(error)")
        }
    }
}
