import ArgumentParser
import CurlHTTP
import DashboardModel
import DashboardViews
import Foundation
import Orchestration
import Synchronization
import TeamClient
import TrotterSupport

/// `trotter bench-dashboards` (hidden; `scripts/team-bench.sh` runs it): N remote dashboards follow a
/// `trotter serve` as the dashboard does (`RemoteManager.snapshots()`: the held change stream, then the snapshot),
/// while an operator starts runs. A dashboard's update latency is from the start of the operator's request to
/// the first snapshot of that dashboard that lists the new run.
struct DashboardsBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-dashboards", abstract: "Update latency of N remote dashboards (benchmark).", shouldDisplay: false)

    @Option(help: "Dashboards following the server.") var dashboards = 20
    @Option(help: "Runs the operator starts, one after another.") var changes = 30
    @Option(help: "Seconds between two changes.") var pause: Double = 0.5
    @Option(help: ArgumentHelp("Servers the dashboards follow, comma-separated, one after another (default: the operator's, TROTTER_MANAGER_URL): with several servers on one database, the change is made on one and seen through the others.",
                               valueName: "urls"))
    var followAt: String?

    func run() async throws {
        guard let target = RemoteTarget.fromEnvironment(), target.token != nil else {
            throw ValidationError("Set TROTTER_MANAGER_URL and TROTTER_TOKEN (an operator's token).")
        }
        let clock = ContinuousClock()
        let origin = clock.now
        let seen = FirstSeen(dashboards)
        // Each dashboard its own client (its own connection and engine thread), as separate processes would have.
        let caFile = RemoteCommands.caFile()
        func manager(_ target: RemoteTarget) -> RemoteManager {
            RemoteManager(client: RemoteClient(target: target, http: HTTPClient(configuration: RemoteCommands.configuration(caFile: caFile))))
        }
        let followed = (followAt?.split(separator: ",").map { RemoteTarget(baseURL: String($0), token: target.token) }) ?? [target]
        guard !followed.isEmpty else { throw ValidationError("--follow-at takes one or more server URLs, comma-separated.") }
        var followers: [Task<Void, Never>] = []
        for index in 0..<dashboards {
            let dashboard = manager(followed[index % followed.count])
            followers.append(Task {
                for await snapshot in dashboard.snapshots() {
                    let at = clock.now - origin
                    seen.times.withLock { all in
                        for run in snapshot.runs where all[index][run.id] == nil { all[index][run.id] = at }
                    }
                    if snapshot.unreachableSince == nil { seen.loaded.withLock { _ = $0.insert(index) } }
                }
            })
        }
        let operatorManager = manager(target)
        let definition = try MachineDefinition.parse(json: #"""
            {"name": "bench-change", "phases": [{"name": "p", "jobs": [{"name": "j", "run": {"sim": {"duration": "0s"}}}]}]}
            """#)
        // Every dashboard's first (whole) snapshot in and its stream open: with thousands of projects that is the
        // organisation's namespaces each, which is not the update latency measured here.
        let loading = clock.now
        while seen.loaded.withLock({ $0.count }) < dashboards { try await Task.sleep(for: .milliseconds(100)) }
        print(String(format: "%d dashboards loaded in %.1f s", dashboards, (clock.now - loading).inSeconds))
        try await Task.sleep(for: .seconds(1))
        var started: [(id: String, at: Duration)] = []
        for _ in 0..<changes {
            let at = clock.now - origin
            let id = try await RemoteCommands.perform { try await operatorManager.startRun(definition, stepMode: nil) }
            started.append((id, at))
            try await Task.sleep(for: .seconds(pause))
        }
        try await Task.sleep(for: .seconds(3))
        for follower in followers { follower.cancel() }
        let all = seen.times.withLock { $0 }
        var latencies: [Double] = []
        var missing = 0
        for run in started {
            for dashboard in all {
                if let at = dashboard[run.id] { latencies.append((at - run.at).inSeconds) } else { missing += 1 }
            }
        }
        latencies.sort()
        func pick(_ q: Double) -> Double { latencies.isEmpty ? .nan : latencies[min(latencies.count - 1, Int(Double(latencies.count) * q))] }
        print(String(format: "%d dashboards, %d changes: n=%d  p50 %.3f s  p99 %.3f s  max %.3f s  missed %d",
                     dashboards, changes, latencies.count, pick(0.5), pick(0.99), latencies.last ?? .nan, missing))
        if missing > 0 { throw ExitCode(1) }
    }

    /// When each dashboard first saw each run, since the benchmark's start.
    private final class FirstSeen: Sendable {
        let times: Mutex<[[String: Duration]]>
        /// The dashboards that have had a snapshot from their server.
        let loaded = Mutex<Set<Int>>([])
        init(_ count: Int) { times = Mutex(Array(repeating: [:], count: count)) }
    }
}
