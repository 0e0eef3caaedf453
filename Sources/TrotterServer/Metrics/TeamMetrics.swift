import CurlHTTP
public import DashboardModel
import Foundation
import Prometheus

/// What `GET /metrics` serves: gauges read off the manager's snapshot at scrape time, and counters of the Atlas
/// answers the manager's HTTP client saw (by status code, and 429s on their own), since this server started.
public final class TeamMetrics: Sendable {
    /// How many namespaces get their own series (`--metrics-namespaces`).
    public let namespaceLimit: Int
    private let counters = PrometheusCollectorRegistry()
    static let requestsName = "trotter_atlas_requests_total"
    static let rateLimitedName = "trotter_atlas_rate_limited_total"
    private let rateLimited: Counter

    public init(namespaceLimit: Int = 100) {
        self.namespaceLimit = max(0, namespaceLimit)
        rateLimited = counters.counter(Self.rateLimitedName, help: "Atlas Admin API answers with status 429 (rate limited), retried ones included.")
    }

    /// An observer for the manager's HTTP client that counts the answers of the Atlas Admin API (`/api/atlas/`)
    /// and nothing else (App Services, webhooks).
    public var atlasObserver: HTTPResponseObserver {
        { [self] request, status in
            guard Self.isAtlasAdmin(request.url) else { return }
            count(status: status)
        }
    }

    func count(status: Int) {
        counters.counter(Self.requestsName, labels: [("code", String(status))],
                             help: "Atlas Admin API answers by HTTP status code, retried attempts included.").increment()
        if status == 429 { rateLimited.increment() }
    }

    static func isAtlasAdmin(_ url: String) -> Bool {
        guard let path = URLComponents(string: url)?.path else { return false }
        return path.hasPrefix("/api/atlas/")
    }

    /// The exposition text for this snapshot.
    public func render(_ snapshot: DashboardSnapshot) -> [UInt8] {
        var buffer: [UInt8] = []
        SnapshotGauges.registry(for: snapshot, topNamespaces: namespaceLimit).emit(into: &buffer)
        counters.emit(into: &buffer)
        return buffer
    }
}
