import AtlasSandbox
import Foundation
import Logging
@testable import AtlasAPI
@testable import CurlHTTP
@testable import DashboardModel
@testable import Manager
@testable import Orchestration
@testable import TrotterStore

/// A real sandbox on 127.0.0.1, a real SQLite file in a temp folder, the real libcurl client and the
/// embedded manager, as the product wires them.
struct ManagerHarness {
    let sandbox: AtlasSandbox
    let manager: EmbeddedManager
    let http: HTTPClient
    let home: URL

    static func start(projects: Int = 3, clusters: Int = 2, collections: Int = 8,
                      http configuration: HTTPClientConfiguration = .testing,
                      configure: (inout SandboxConfiguration) -> Void = { _ in },
                      manager configureManager: (inout ManagerSettings) -> Void = { _ in }) async throws -> ManagerHarness {
        var config = SandboxConfiguration()
        config.projects = projects
        config.clustersPerProject = clusters
        config.collectionsPerCluster = collections
        config.seed = 7
        configure(&config)
        let sandbox = try await AtlasSandbox.start(config)
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("trotter-mgr-\(UUID().uuidString)")
        var settings = ManagerSettings(home: home, endpoints: AtlasEndpoints(atlasBaseURL: sandbox.baseURL, appServicesBaseURL: sandbox.baseURL))
        settings.sweepInterval = nil
        settings.maxParallelProjects = 4
        configureManager(&settings)
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        let store = try await TestStore.open(home: home)
        let http = HTTPClient(configuration: configuration)
        var logger = Logger(label: "test") { _ in SwiftLogNoOpLogHandler() }
        logger.logLevel = .critical
        let manager = try EmbeddedManager(settings: settings, store: store, http: http, logger: logger)
        try await manager.start()
        return ManagerHarness(sandbox: sandbox, manager: manager, http: http, home: home)
    }

    /// Onboards with the sandbox's organisation key (or the given one) and waits for the run to end.
    @discardableResult
    func onboard(_ projectID: String, publicKey: String? = nil, privateKey: String? = nil) async throws -> RunState {
        let runID = try await manager.addProject(projectID: projectID, publicKey: publicKey ?? sandbox.credentials.publicKey,
                                                 privateKey: privateKey ?? sandbox.credentials.privateKey)
        return try await manager.engine.waitForEnd(runID: runID)
    }

    func sweep() async throws -> RunState {
        try await manager.engine.waitForEnd(runID: try await manager.sweepNow())
    }

    /// Stops this manager as a process exit would (unfinished runs stay unfinished in the store) and opens a new
    /// one on the same home and sandbox, as the next trotter process would.
    func restarted() async throws -> ManagerHarness {
        await manager.shutdown()
        let store = try await TestStore.open(home: home)
        var logger = Logger(label: "test") { _ in SwiftLogNoOpLogHandler() }
        logger.logLevel = .critical
        let next = try EmbeddedManager(settings: manager.settings, store: store, http: http, logger: logger)
        try await next.start()
        return ManagerHarness(sandbox: sandbox, manager: next, http: http, home: home)
    }

    /// Runs `body` with a fresh harness and always stops it, whether the body passes or throws.
    static func with(projects: Int = 3, clusters: Int = 2, collections: Int = 8,
                     http configuration: HTTPClientConfiguration = .testing,
                     configure: (inout SandboxConfiguration) -> Void = { _ in },
                     manager configureManager: (inout ManagerSettings) -> Void = { _ in },
                     _ body: (ManagerHarness) async throws -> Void) async throws {
        let h = try await start(projects: projects, clusters: clusters, collections: collections, http: configuration,
                                configure: configure, manager: configureManager)
        do { try await body(h) } catch { await h.stop(); throw error }
        await h.stop()
    }

    func stop() async {
        await manager.shutdown()
        await manager.engine.store.close()
        http.shutdown()
        await sandbox.stop()
        try? FileManager.default.removeItem(at: home)
    }
}

extension HTTPClientConfiguration {
    /// Short timeouts and quick retries, so failure tests end in seconds.
    static var testing: HTTPClientConfiguration {
        HTTPClientConfiguration(connectTimeout: 2, totalTimeout: 10,
                                retryPolicy: HTTPRetryPolicy(maxAttempts: 3, baseDelay: 0.05, maxDelay: 0.5, maxTotalWait: 3))
    }
}
