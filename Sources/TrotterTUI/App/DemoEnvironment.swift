import AtlasAPI
import AtlasSandbox
import AWSAPI
import DashboardModel
import Foundation
import Manager
import Orchestration

/// `trotter demo`: an emulated Atlas organisation on 127.0.0.1, an embedded manager in a temporary home,
/// the sandbox's projects onboarded through the same code path as the form, sweeps on a short schedule,
/// sample state machines with `sim` jobs (one in step mode) and `examples/lambda-pipeline.json` against the
/// sandbox's Lambda and EventBridge stand-in, so every pane is alive within seconds.
struct DemoEnvironment {
    let sandbox: AtlasSandbox
    let boot: ManagerBootstrap
    let home: URL

    struct Options {
        /// The organisation's projects; the first `onboarded` are onboarded at start, the rest wait for the
        /// organisation import (`N` in the Projects pane).
        var projects = 8
        var onboarded = 6
        var clustersPerProject = 2
        var collectionsPerCluster = 40
        var seed: UInt64 = 42
        var sweepEvery: Duration = .seconds(15)
        /// Seconds of real time per step of the sandbox's data (growth, deletes).
        var tick: Double = 5
    }

    static func start(_ o: Options) async throws -> DemoEnvironment {
        var config = SandboxConfiguration()
        config.projects = o.projects
        config.clustersPerProject = o.clustersPerProject
        config.collectionsPerCluster = o.collectionsPerCluster
        config.seed = o.seed
        config.tick = o.tick
        let sandbox = try await AtlasSandbox.start(config)
        // A fresh demo folder each start, kept after exit so its log can be read: $TROTTER_HOME/demo.
        let home = ManagerSettings.defaultHome().appendingPathComponent("demo", isDirectory: true)
        try? FileManager.default.removeItem(at: home)
        let endpoints = AtlasEndpoints(atlasBaseURL: sandbox.baseURL, appServicesBaseURL: sandbox.baseURL)
        // Lambda jobs and EventBridge events go to the sandbox's AWS stand-in, with throwaway demo keys.
        let aws = AWSEnvironment(variables: ["AWS_ACCESS_KEY_ID": "AKIDDEMO", "AWS_SECRET_ACCESS_KEY": "demo-only-not-a-secret",
                                             "AWS_REGION": "eu-west-1", "AWS_ENDPOINT_URL": sandbox.baseURL, "HOME": home.path])
        let boot = try await ManagerBootstrap.open(home: home, endpoints: endpoints, sweepInterval: o.sweepEvery, awsEnvironment: aws)
        let env = DemoEnvironment(sandbox: sandbox, boot: boot, home: home)
        Task { await env.populate(onboarding: o.onboarded) }
        return env
    }

    /// Onboards the first sandbox projects (the same `addProject` the form calls) and starts the sample machines.
    func populate(onboarding count: Int) async {
        let creds = sandbox.credentials
        for p in creds.projects.prefix(count) {
            _ = try? await boot.manager.addProject(projectID: p.id, publicKey: creds.publicKey, privateKey: creds.privateKey)
        }
        _ = try? await boot.manager.engine.start(definition: Self.sampleMachine(stepMode: false))
        _ = try? await boot.manager.engine.start(definition: Self.sampleMachine(stepMode: true))
        if let lambda = Self.lambdaPipeline() { _ = try? await boot.manager.engine.start(definition: lambda) }
    }

    /// `examples/lambda-pipeline.json`, from the working directory or the source tree (absent in an installed binary).
    static func lambdaPipeline() -> MachineDefinition? {
        let source = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../../examples/lambda-pipeline.json").standardized.path
        for path in ["examples/lambda-pipeline.json", source] {
            if let data = FileManager.default.contents(atPath: path), let definition = try? MachineDefinition.parse(json: data) {
                return definition
            }
        }
        return nil
    }

    func stop() async {
        await boot.close()
        await sandbox.stop()
    }

    /// The design's Lambda pipeline with simulated jobs: parallel extract, transform, load or alert.
    static func sampleMachine(stepMode: Bool) -> MachineDefinition {
        func sim(_ name: String, ms: Int, fail: Double = 0, seed: UInt64, when: Condition? = nil) -> JobDefinition {
            JobDefinition(name: name, when: when,
                          run: .sim(SimJobSpec(duration: .milliseconds(ms), jitter: .milliseconds(ms / 2), failRate: fail, seed: seed)),
                          retry: RetryPolicy(attempts: 2, backoff: .milliseconds(500)))
        }
        return MachineDefinition(name: stepMode ? "nightly-etl-step" : "nightly-etl", stepMode: stepMode, phases: [
            PhaseDefinition(name: "extract", jobs: [sim("orders", ms: 1500, seed: 1), sim("users", ms: 1200, seed: 2),
                                                   sim("payments", ms: 2000, fail: 0.3, seed: 3)]),
            PhaseDefinition(name: "transform", jobs: [sim("join", ms: 2500, seed: 4)]),
            PhaseDefinition(name: "load", jobs: [sim("warehouse", ms: 1800, seed: 5)]),
            PhaseDefinition(name: "alert", when: .anyFailed, jobs: [sim("page-oncall", ms: 300, seed: 6)]),
        ])
    }
}
