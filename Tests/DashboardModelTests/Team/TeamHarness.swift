import Foundation
import Hummingbird
import Logging
import TrotterServer
@testable import AtlasAPI
@testable import AWSAPI
@testable import CurlHTTP
@testable import DashboardModel
@testable import Manager
@testable import TeamClient
@testable import TrotterStore

/// `trotter serve` as the product wires it (embedded manager, SQLite store in a temp home, the /v1 API on
/// 127.0.0.1), with the real libcurl client on the other side. `restarted()` stops it and serves the same store
/// on the same port, as a new server process would.
final class TeamHarness: Sendable {
    let home: URL
    let port: Int
    let manager: EmbeddedManager
    let server: TeamServer
    let running: RunningServer
    let aws: AWSClient?
    let http: HTTPClient
    let tls: ServerTLS?

    private init(home: URL, port: Int, manager: EmbeddedManager, server: TeamServer, running: RunningServer, aws: AWSClient?,
                 http: HTTPClient, tls: ServerTLS?) {
        self.home = home; self.port = port; self.manager = manager; self.server = server; self.running = running
        self.aws = aws; self.http = http; self.tls = tls
    }

    /// - Parameters:
    ///   - atlas: the Atlas and App Services base URL (a sandbox's); by default a closed port, never called.
    ///   - metrics: what `/metrics` serves; its Atlas observer watches the manager's HTTP client.
    ///   - logs: collects everything the manager logs, at every level (nil: nothing is logged).
    static func start(home: URL? = nil, port: Int = 0, aws: AWSClient? = nil, atlas: String = "http://127.0.0.1:9",
                      metrics: TeamMetrics = TeamMetrics(), tls: ServerTLS? = nil, logs: LogCapture? = nil) async throws -> TeamHarness {
        let home = home ?? FileManager.default.temporaryDirectory.appendingPathComponent("trotter-team-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        var settings = ManagerSettings(home: home, endpoints: AtlasEndpoints(atlasBaseURL: atlas, appServicesBaseURL: atlas))
        settings.sweepInterval = nil
        let store = try await TestStore.open(home: home)
        let http = HTTPClient(configuration: .testing, observer: metrics.atlasObserver)
        var logger = logs?.logger ?? Logger(label: "test") { _ in SwiftLogNoOpLogHandler() }
        logger.logLevel = logs == nil ? .critical : .trace
        let manager = try EmbeddedManager(settings: settings, store: store, http: http, aws: aws, logger: logger)
        try await manager.start()
        let server = TeamServer(manager: manager, store: store, metrics: metrics)
        let (ports, bound) = AsyncStream.makeStream(of: Int.self)
        let app = try await server.buildApplication(host: "127.0.0.1", port: port, tls: tls) { bound.yield($0) }
        let running = RunningServer(app)
        var iterator = ports.makeAsyncIterator()
        guard let actual = await iterator.next() else { throw TeamTestError("the server never listened") }
        return TeamHarness(home: home, port: actual, manager: manager, server: server, running: running, aws: aws, http: http, tls: tls)
    }

    var baseURL: String { "\(tls == nil ? "http" : "https")://127.0.0.1:\(port)" }
    var team: TeamStore { server.team }

    /// A remote manager with this token (nil: none), over its own libcurl client.
    func client(_ token: String?) -> RemoteManager {
        RemoteManager(client: RemoteClient(target: RemoteTarget(baseURL: baseURL, token: token), http: TeamHarness.clientHTTP))
    }

    static let clientHTTP = HTTPClient(configuration: HTTPClientConfiguration(connectTimeout: 2, totalTimeout: 30, retryPolicy: .none, proxy: .none))

    /// Stops the server and its manager; the store stays.
    func stopServer() async {
        await server.stopFeed()
        await running.stop()
        await manager.shutdown()
        http.shutdown()
    }

    /// A new server on this one's store and port, after `stopServer()`.
    func restarted() async throws -> TeamHarness {
        return try await TeamHarness.start(home: home, port: port, aws: aws, tls: tls)
    }

    func stop() async {
        await stopServer()
        await manager.engine.store.close()
        try? FileManager.default.removeItem(at: home)
    }
}

struct TeamTestError: Error, CustomStringConvertible {
    let description: String
    init(_ text: String) { description = text }
}

/// Waits up to `timeout` for `condition`, polling every 20 ms.
func eventually(_ timeout: Duration = .seconds(10), _ condition: () async throws -> Bool) async throws -> Bool {
    let deadline = ContinuousClock.now + timeout
    while ContinuousClock.now < deadline {
        if try await condition() { return true }
        try await Task.sleep(for: .milliseconds(20))
    }
    return try await condition()
}
