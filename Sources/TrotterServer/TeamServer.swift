import DashboardModel
import Dispatch
import Foundation
public import Hummingbird
import HummingbirdTLS
import Logging
public import Manager
import TrotterStore

/// `trotter serve`: the embedded manager (projects, vault, sweeps, engine, notifications) behind the `/v1` API.
public struct TeamServer: Sendable {
    public let manager: EmbeddedManager
    public let team: TeamStore
    public let metrics: TeamMetrics
    let feed: TeamFeed

    /// - Parameters:
    ///   - manager: started already (its sweeps run on their schedule).
    ///   - metrics: what `/metrics` serves; its `atlasObserver` should watch the manager's HTTP client.
    public init(manager: EmbeddedManager, store: Store, metrics: TeamMetrics = TeamMetrics()) {
        self.manager = manager
        self.team = TeamStore(store: store)
        self.feed = TeamFeed(team: team)
        self.metrics = metrics
    }

    /// Refuses to listen beyond loopback without TLS unless told `insecure`.
    public static func checkListen(host: String, insecure: Bool, tls: Bool = false) throws {
        let loopback = host == "localhost" || host == "::1" || host.hasPrefix("127.")
        if !loopback && !insecure && !tls {
            throw TeamStoreError("--listen \(host) is not a loopback address: without TLS the server listens on loopback only; "
                                 + "give --tls-cert and --tls-key, or add --insecure-listen to listen there in clear text anyway")
        }
    }

    /// Starts the change feed and builds the HTTP application; run it with `run()` or `runService()`.
    /// - Parameter tls: serve HTTPS with this certificate and key (nil: plain HTTP).
    public func buildApplication(host: String, port: Int, tls: ServerTLS? = nil,
                                 onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }) async throws -> some ApplicationProtocol {
        try await feed.start(manager: manager)
        var logger = Logger(label: "trotter-serve")
        logger.logLevel = .warning
        let api = TeamAPI(manager: manager, team: team, feed: feed, engine: await manager.engine, metrics: metrics)
        return Application(
            responder: TeamResponder(api: api),
            server: try tls.map { try .tls(.http1(), tlsConfiguration: $0.configuration) } ?? .http1(),
            configuration: ApplicationConfiguration(address: .hostname(host, port: port), serverName: "trotter"),
            onServerRunning: { channel in await onServerRunning(channel.localAddress?.port ?? port) },
            logger: logger
        )
    }

    public func stopFeed() async { await feed.stop() }

    /// Serves until SIGINT or SIGTERM, then stops gracefully (for `trotter serve`).
    public func runUntilSignalled(host: String, port: Int, tls: ServerTLS? = nil, onServerRunning: @escaping @Sendable (Int) async -> Void) async throws {
        // A graceful stop waits for requests in flight: the stream's long polls must end at once, or the server
        // would stay up (and dashboards would not learn it is gone) for up to their 15 s.
        let feed = self.feed
        let sources = [SIGTERM, SIGINT].map { signal in
            let source = DispatchSource.makeSignalSource(signal: signal, queue: .global())
            source.setEventHandler { Task { await feed.stop() } }
            source.resume()
            return source
        }
        defer { sources.forEach { $0.cancel() } }
        try await buildApplication(host: host, port: port, tls: tls, onServerRunning: onServerRunning).runService()
    }
}
