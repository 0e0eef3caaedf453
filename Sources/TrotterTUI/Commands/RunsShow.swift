import ArgumentParser
import DashboardModel
import Foundation
import Orchestration
import OrchestrationEngine

/// `trotter runs show RUN [--at K] [--json]`: the run as of its latest event, or as of event K with what K changed.
struct RunsShow: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Show a run, or its state as of event K.")

    @Argument(help: "The run's id.") var run: String
    @Option(help: "Show the state after the first K events (0 = before any) and what event K changed.") var at: Int?
    @Flag(help: "Print JSON.") var json = false

    func run() async throws {
        if let remote = RemoteCommands.manager() {
            let (log, results) = try await RemoteCommands.perform {
                (try await remote.runLog(runID: run, after: 0), try await remote.results(runID: run))
            }
            RunShowText.print(log.inspector(), runID: run, at: at, json: json, results: results)
            return
        }
        let engine = try RunsEngine.open()
        var log: RunLog?
        try await OperatorAction.perform { log = try await engine.log(runID: run) }
        guard let log else { return }
        RunShowText.print(log.inspector(), runID: run, at: at, json: json, results: try await engine.store.results(runID: run))
    }
}

/// What `runs show` and `runs replay --at` print: the state after event K, what K changed, every job.
enum RunShowText {
    /// `results` are the run's whole Lambda results (a replayed file has none).
    static func print(_ inspector: RunInspector, runID run: String, at: Int?, json: Bool, results: [JobResult] = []) {
        let events = inspector.events
        let index = min(max(at ?? events.count, 0), events.count)
        let state = inspector.state(at: index)
        let changes = inspector.changes(at: index)
        let event = index >= 1 ? events[index - 1] : nil
        if json {
            var show = ShowJSON(state: state, at: index, of: events.count, event: event, changes: changes)
            show.results = results.map {
                ShowJSON.Result(job: $0.job, attempt: $0.attempt, truncated: $0.truncated, result: String(decoding: $0.result, as: UTF8.self))
            }
            Swift.print(RunJSON.text(show))
            return
        }
        Swift.print("run \(run) — \(state.machine) — \(state.status.rawValue) — event \(index) of \(events.count)\(state.stepMode ? " — step mode" : "")")
        if let event { Swift.print("event \(EventText.line(event, number: index))") }
        for change in changes { Swift.print("  changed: \(change)") }
        for phase in state.phases {
            Swift.print("phase \(phase.name): \(phase.status.rawValue)")
            for job in phase.jobs {
                let message = job.lastMessage.map { " — " + String($0.replacingOccurrences(of: "\n", with: " ⏎ ").suffix(120)) } ?? ""
                Swift.print("  job \(job.name): \(job.status.rawValue)\(job.attempt > 0 ? " (attempt \(job.attempt))" : "")\(message)")
            }
        }
        // Lambda results in full (up to 256 KB each); the log above keeps only their tails.
        for result in results {
            Swift.print("result of \(result.job) attempt \(result.attempt)\(result.truncated ? " (first 256 KB)" : ""):")
            Swift.print(String(decoding: result.result, as: UTF8.self))
        }
    }
}

/// `runs show --json`.
private struct ShowJSON: Encodable {
    struct Job: Encodable { var name: String; var status: String; var attempt: Int; var lastMessage: String? }
    struct Phase: Encodable { var name: String; var status: String; var jobs: [Job] }
    var run: String
    var machine: String
    var status: String
    var at: Int
    var eventCount: Int
    var event: StatusEvent?
    var changes: [String]
    var phases: [Phase]
    /// Whole Lambda results (up to 256 KB each), by job and attempt.
    struct Result: Encodable { var job: String; var attempt: Int; var truncated: Bool; var result: String }
    var results: [Result] = []

    init(state: RunState, at: Int, of count: Int, event: StatusEvent?, changes: [RunChange]) {
        run = state.runID; machine = state.machine; status = state.status.rawValue
        self.at = at; eventCount = count; self.event = event; self.changes = changes.map(\.description)
        phases = state.phases.map { phase in
            Phase(name: phase.name, status: phase.status.rawValue,
                  jobs: phase.jobs.map { Job(name: $0.name, status: $0.status.rawValue, attempt: $0.attempt, lastMessage: $0.lastMessage) })
        }
    }
}
