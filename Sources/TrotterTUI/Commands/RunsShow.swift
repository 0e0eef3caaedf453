import ArgumentParser
import DashboardModel
import Foundation

/// `trotter runs show RUN [--at K] [--json]`: the run as of its latest event, or as of event K with what K changed.
struct RunsShow: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Show a run, or its state as of event K.")

    @Argument(help: "The run's id.") var run: String
    @Option(help: "Show the state after the first K events (0 = before any) and what event K changed.") var at: Int?
    @Flag(help: "Print JSON.") var json = false

    func run() async throws {
        let remote = RemoteCommands.manager()
        let engine = remote == nil ? try RunsEngine.open() : nil
        let events: [StatusEvent]
        let inspector: RunInspector
        if let remote {
            let log = try await RemoteCommands.perform { try await remote.runLog(runID: run, after: 0) }
            events = log.events
            inspector = log.inspector()
        } else {
            guard let engine else { return }
            var definition: MachineDefinition?
            try await OperatorAction.perform { definition = try await engine.definition(runID: run) }
            guard let definition else { return }
            events = try await engine.events(runID: run)
            let current = try await engine.state(runID: run)
            inspector = RunInspector(definition: definition, events: events, runID: run, stepMode: current.stepMode)
        }
        let index = min(max(at ?? events.count, 0), events.count)
        let state = inspector.state(at: index)
        let changes = inspector.changes(at: index)
        let event = index >= 1 ? events[index - 1] : nil
        if json {
            print(RunJSON.text(ShowJSON(state: state, at: index, of: events.count, event: event, changes: changes)))
            return
        }
        print("run \(run) — \(state.machine) — \(state.status.rawValue) — event \(index) of \(events.count)\(state.stepMode ? " — step mode" : "")")
        if let event { print("event \(EventText.line(event, number: index))") }
        for change in changes { print("  changed: \(change)") }
        for phase in state.phases {
            print("phase \(phase.name): \(phase.status.rawValue)")
            for job in phase.jobs {
                let message = job.lastMessage.map { " — " + String($0.replacingOccurrences(of: "\n", with: " ⏎ ").suffix(120)) } ?? ""
                print("  job \(job.name): \(job.status.rawValue)\(job.attempt > 0 ? " (attempt \(job.attempt))" : "")\(message)")
            }
        }
        // Lambda results in full (up to 256 KB each); the log above keeps only their tails. (Not through a server yet.)
        for result in try await engine?.store.results(runID: run) ?? [] {
            print("result of \(result.job) attempt \(result.attempt)\(result.truncated ? " (first 256 KB)" : ""):")
            print(String(decoding: result.result, as: UTF8.self))
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

    init(state: RunState, at: Int, of count: Int, event: StatusEvent?, changes: [RunChange]) {
        run = state.runID; machine = state.machine; status = state.status.rawValue
        self.at = at; eventCount = count; self.event = event; self.changes = changes.map(\.description)
        phases = state.phases.map { phase in
            Phase(name: phase.name, status: phase.status.rawValue,
                  jobs: phase.jobs.map { Job(name: $0.name, status: $0.status.rawValue, attempt: $0.attempt, lastMessage: $0.lastMessage) })
        }
    }
}
