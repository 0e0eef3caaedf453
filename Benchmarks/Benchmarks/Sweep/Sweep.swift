import AtlasSandbox
import Benchmark
import DashboardModel
import Foundation
import Logging

// A full sweep of 200 projects × 3 clusters × 100 collections on the sandbox with 50 ms injected latency,
// through the real manager, engine, libcurl client and SQLite store. Onboarding happens once, outside the
// measured part. Printed beside the figures: the bound that latency allows at the manager's parallelism.
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(metrics: [.wallClock, .peakMemoryResident], maxDuration: .seconds(600), maxIterations: 3)

    Benchmark("Full sweep 200x3x100 @50ms", configuration: .init(warmupIterations: 0)) { benchmark, fixture in
        for _ in benchmark.scaledIterations {
            let started = ContinuousClock.now
            let requestsBefore = fixture.sandbox.requestCounts.values.reduce(0, +)
            let runID = try await fixture.manager.sweepNow()
            let state = try await fixture.manager.engine.waitForEnd(runID: runID)
            precondition(state.status == .succeeded, "sweep \(state.status)")
            let elapsed = ContinuousClock.now - started
            let requests = fixture.sandbox.requestCounts.values.reduce(0, +) - requestsBefore
            fixture.report(elapsed: elapsed, requests: requests)
        }
    } setup: {
        // The process ends after the run, and the sandbox with it (the store stays in the temp folder).
        try await SweepFixture.make()
    }
}

struct SweepFixture: Sendable {
    static let projects = 200, clusters = 3, collections = 100, latencyMs = 50
    let sandbox: AtlasSandbox
    let manager: EmbeddedManager
    let home: URL

    static func make() async throws -> SweepFixture {
        var config = SandboxConfiguration()
        config.projects = projects; config.clustersPerProject = clusters; config.collectionsPerCluster = collections
        config.rateLimit.capacity = 10_000
        let sandbox = try await AtlasSandbox.start(config)
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("trotter-bench-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        var settings = ManagerSettings(home: home, endpoints: AtlasEndpoints(atlasBaseURL: sandbox.baseURL, appServicesBaseURL: sandbox.baseURL))
        settings.sweepInterval = nil
        let http = HTTPClient(configuration: HTTPClientConfiguration(maxConcurrentPerHost: settings.maxParallelProjects * 2))
        var logger = Logger(label: "bench")
        logger.logLevel = .critical
        let manager = try EmbeddedManager(settings: settings, store: try Store(path: home.appendingPathComponent("trotter.sqlite").path),
                                          http: http, logger: logger)
        try await manager.start()
        let creds = sandbox.credentials
        try await withThrowingTaskGroup(of: Void.self) { group in
            for p in creds.projects {
                group.addTask {
                    let run = try await manager.addProject(projectID: p.id, publicKey: creds.publicKey, privateKey: creds.privateKey)
                    _ = try await manager.engine.waitForEnd(runID: run)
                }
            }
            try await group.waitForAll()
        }
        // Latency only for the measured sweeps.
        for p in creds.projects { sandbox.setFault(projectID: p.id, .latency(ms: latencyMs)) }
        return SweepFixture(sandbox: sandbox, manager: manager, home: home)
    }

    /// The bound: every request of a project is one latency long, the requests of a project follow each
    /// other (the worst case of its critical path), and `maxParallelProjects` projects run at once.
    func report(elapsed: Duration, requests: Int) {
        let parallel = Double(manager.settings.maxParallelProjects)
        let perProject = Double(requests) / Double(Self.projects)
        let bound = Double(Self.projects) / parallel * perProject * Double(Self.latencyMs) / 1000
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        print(String(format: "sweep: %.2f s for %d requests (%.1f per project); latency bound at %d parallel projects: %.2f s; ratio %.2f",
                     seconds, requests, perProject, Int(parallel), bound, seconds / bound))
    }
}
