import ArgumentParser
import DashboardModel
import Foundation

/// `trotter demo`: the dashboard on a local emulated organisation: no account, no network.
struct Demo: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Open the dashboard on a built-in local demo organisation (an Atlas emulator on 127.0.0.1).")

    @Option(help: "Projects in the demo organisation.") var projects = 8
    @Option(help: "Projects onboarded at start (the rest are left for the organisation import, N in the Projects pane).") var onboarded = 6
    @Option(help: "Clusters per project.") var clusters = 2
    @Option(help: "Collections per cluster.") var collections = 40
    @Option(help: "Seconds between sweeps.") var sweepEvery = 15
    @Option(help: "Seconds of real time per step of the emulated data (growth, deletes).") var tick: Double = 5
    @Option(name: .customLong("credentials-file"),
            help: "Write the demo organisation's throwaway credentials as JSON to this file (mode 0600), e.g. for scripts.")
    var credentialsFile: String?
    @Flag(help: "Leave the mouse to the terminal (text selection).") var noMouse = false
    @Flag(help: "No colours (also when NO_COLOR is set).") var noColor = false

    func validate() throws {
        guard (1...500).contains(projects), (1...10).contains(clusters), (1...2000).contains(collections) else {
            throw ValidationError("Keep the demo within 1–500 projects, 1–10 clusters and 1–2000 collections.")
        }
        guard sweepEvery >= 1, tick > 0 else { throw ValidationError("--sweep-every and --tick must be positive.") }
    }

    func run() async throws {
        var o = DemoEnvironment.Options()
        o.projects = projects; o.onboarded = min(onboarded, projects); o.clustersPerProject = clusters; o.collectionsPerCluster = collections
        o.sweepEvery = .seconds(sweepEvery); o.tick = tick
        let env = try await DemoEnvironment.start(o)
        if let credentialsFile { try SandboxOutput.write(env.sandbox.credentials, to: credentialsFile) }
        let noColorEnv = !(ProcessInfo.processInfo.environment["NO_COLOR"] ?? "").isEmpty
        do {
            try await DashboardRunner.run(manager: env.boot.manager, home: env.home, noMouse: noMouse, noColor: noColor || noColorEnv)
        } catch {
            await env.stop()
            throw error
        }
        await env.stop()
    }
}
