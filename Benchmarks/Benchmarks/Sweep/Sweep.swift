import AtlasSandbox
import Benchmark
import DashboardModel
import AtlasAPI
import CurlHTTP
import Manager
import TrotterStore
import TrotterSupport
import Foundation
import Logging

// A full sweep of 200 projects × 3 clusters × 100 collections on the sandbox with 50 ms injected latency,
// through the real manager, engine, libcurl client and SQLite store. Onboarding happens once, outside the
// measured part. Printed beside the figures: the bound that latency allows at the manager's parallelism.
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(metrics: [.wallClock, .peakMemoryResident], maxDuration: .seconds(600), maxIterations: 3)

    Benchmark("Full sweep 200x3x100 @50ms", configuration: .init(warmupIterations: 0)) { benchmark, fixture in
        // Profiling aid: a file that appears just before the second sweep starts (e.g. to start `perf record`
        // for the length of one sweep); the first sweep's leftovers (a snapshot refresh) are over by then.
        let mark = ProcessInfo.processInfo.environment["SWEEP_MARK"]
        for _ in benchmark.scaledIterations {
            // The data moves between sweeps, as it does in production: every sweep writes new samples.
            fixture.sandbox.advance(by: 1)
            if let mark, fixture.sweeps.next() == 1 {
                _ = await fixture.manager.currentSnapshot()
                _ = FileManager.default.createFile(atPath: mark, contents: nil)
            }
            let started = ContinuousClock.now
            let cpuBefore = SweepFixture.cpuSeconds()
            let requestsBefore = fixture.sandbox.requestCounts.values.reduce(0, +)
            let runID = try await fixture.manager.sweepNow()
            let state = try await fixture.manager.engine.waitForEnd(runID: runID)
            precondition(state.status == .succeeded, "sweep \(state.status)")
            let elapsed = ContinuousClock.now - started
            let requests = fixture.sandbox.requestCounts.values.reduce(0, +) - requestsBefore
            if ProcessInfo.processInfo.environment["SWEEP_PATHS"] != nil {
                for (path, n) in fixture.sandbox.requestCounts.sorted(by: { $0.value > $1.value }).prefix(12) { print(n, path) }
            }
            fixture.report(elapsed: elapsed, requests: requests)
            if ProcessInfo.processInfo.environment["SWEEP_TIMELINE"] != nil {
                print(String(format: "cpu: %.2f s (user+system, whole process, emulator included)", SweepFixture.cpuSeconds() - cpuBefore))
                try await fixture.timeline(runID: runID)
            }
        }
    } setup: {
        // The process ends after the run, and the sandbox with it (the store stays in the temp folder).
        try await SweepFixture.make()
    }

    // `projects import` of the same organisation at the same latency: 200 onboarding runs (validate, discover,
    // deploy, link, install, first sweep) on one key, bounded like a sweep. Each iteration is a fresh store.
    Benchmark("Import 200 projects @50ms", configuration: .init(warmupIterations: 0)) { benchmark in
        for _ in benchmark.scaledIterations {
            let fixture = try await SweepFixture.make(onboard: false)
            let creds = fixture.sandbox.credentials
            let key = ImportKey(publicKey: creds.publicKey, privateKey: Secret(creds.privateKey))
            let started = ContinuousClock.now
            let cpuBefore = SweepFixture.cpuSeconds()
            let listing = try await fixture.manager.listImport(key)
            let outcomes = try await fixture.manager.importProjects(key, listing: listing)
            let elapsed = ContinuousClock.now - started
            let onboarded = outcomes.filter { $0.result == .onboarded }.count
            precondition(onboarded == SweepFixture.projects, "\(onboarded) of \(SweepFixture.projects) onboarded")
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            print(String(format: "import: %.2f s for %d projects at %d ms latency, %d in parallel; %.2f s of CPU",
                         seconds, onboarded, SweepFixture.latencyMs, fixture.manager.settings.maxParallelProjects,
                         SweepFixture.cpuSeconds() - cpuBefore))
            await fixture.manager.shutdown()
            await fixture.sandbox.stop()
        }
    }
}

struct SweepFixture: Sendable {
    /// `SWEEP_PROJECTS` and `SWEEP_LATENCY_MS` shrink the run while profiling; the README's figures use the defaults.
    static let projects = knob("SWEEP_PROJECTS", 200), clusters = 3, collections = 100, latencyMs = knob("SWEEP_LATENCY_MS", 50)
    static func knob(_ name: String, _ fallback: Int) -> Int {
        ProcessInfo.processInfo.environment[name].flatMap(Int.init) ?? fallback
    }
    let sandbox: AtlasSandbox
    let manager: EmbeddedManager
    let home: URL
    /// Sweeps started so far (the framework calls the measured closure once per sample).
    let sweeps = Counter()

    final class Counter: @unchecked Sendable {
        private let lock = NSLock()
        private var value = 0
        /// The count before this call.
        func next() -> Int { lock.withLock { defer { value += 1 }; return value } }
    }

    /// `onboard: false` leaves the organisation un-onboarded, with the latency already on (the import benchmark).
    static func make(onboard: Bool = true) async throws -> SweepFixture {
        var config = SandboxConfiguration()
        config.projects = projects; config.clustersPerProject = clusters; config.collectionsPerCluster = collections
        config.rateLimit.capacity = 10_000
        // The import is timed from its first request: every request waits, the listing and logins included.
        if !onboard { config.faults.latencyMs = latencyMs }
        let sandbox = try await AtlasSandbox.start(config)
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("trotter-bench-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        var settings = ManagerSettings(home: home, endpoints: AtlasEndpoints(atlasBaseURL: sandbox.baseURL, appServicesBaseURL: sandbox.baseURL))
        settings.sweepInterval = nil
        settings.maxParallelProjects = knob("SWEEP_PARALLEL", settings.maxParallelProjects)
        let http = HTTPClient(configuration: HTTPClientConfiguration(maxConcurrentPerHost: SweepFixture.knob("SWEEP_HOST", settings.maxRequestsPerHost)))
        var logger = Logger(label: "bench")
        logger.logLevel = .critical
        let manager = try EmbeddedManager(settings: settings, store: try Store(path: home.appendingPathComponent("trotter.sqlite").path),
                                          http: http, logger: logger)
        try await manager.start()
        let creds = sandbox.credentials
        guard onboard else { return SweepFixture(sandbox: sandbox, manager: manager, home: home) }
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

    static func cpuSeconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
    }

    /// Profiling aid: when the run's jobs started and ended, relative to the run's start.
    func timeline(runID: String) async throws {
        let events = try await manager.engine.events(runID: runID)
        guard let t0 = events.first?.at else { return }
        func ms(_ d: Date) -> Int { Int(d.timeIntervalSince(t0) * 1000) }
        let collects = events.filter { $0.job != nil && $0.job != "thresholds" }
        let starts = collects.filter { $0.kind == .jobStarted }.map(\.at)
        let ends = collects.filter { $0.kind.isJobOutcome }.map(\.at)
        print("timeline ms: first start \(starts.min().map(ms) ?? -1), last start \(starts.max().map(ms) ?? -1), last end \(ends.max().map(ms) ?? -1)")
        for e in events where e.job == "thresholds" || e.kind == .runFinished || e.kind == .phaseStarted || e.kind == .phaseCompleted {
            print("  \(ms(e.at)) \(e.kind) \(e.phase ?? "") \(e.job ?? "")")
        }
    }

    /// The bound latency allows at the manager's parallelism. A project's requests are not all in sequence:
    /// the worker read (one `execute_function` page per 1,000 namespaces) runs beside the disk chain, which
    /// is three dependent round trips (processes → partitions → measurements, the primaries side by side).
    /// `maxParallelProjects` projects run at once, so the projects pass in ⌈projects / parallel⌉ waves, each
    /// at least one critical path long. The sandbox's rate limits (1,000 requests per project in a burst)
    /// are far above a project's ~10 requests, so latency is the binding limit.
    func report(elapsed: Duration, requests: Int) {
        let parallel = manager.settings.maxParallelProjects
        let waves = (Self.projects + parallel - 1) / parallel
        let pages = (Self.clusters * Self.collections + 999) / 1000
        let criticalPath = max(3, pages)
        let bound = Double(waves * criticalPath * Self.latencyMs) / 1000
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        print(String(format: "sweep: %.2f s for %d requests (%.1f per project); bound: %d waves x %d round trips x %d ms = %.2f s; ratio %.2f",
                     seconds, requests, Double(requests) / Double(Self.projects), waves, criticalPath, Self.latencyMs, bound, seconds / bound))
    }
}
