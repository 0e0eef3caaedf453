import ArgumentParser
import DashboardModel
import Foundation

/// `trotter machines run FILE [--step] [--json]`: runs a machine to its end on the embedded store, printing events
/// as they happen. Exit 0 when the run succeeded, 1 otherwise.
struct MachinesRun: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a state machine to its end, printing its status events.",
        discussion: """
            With --step, each phase waits for `trotter runs approve RUN` (from another terminal). With --json, each \
            event is one JSON object per line and the last line sums up the run: \
            {"run": ID, "status": ..., "jobs": {...}, "phases": {...}}.
            The store is $TROTTER_HOME/trotter.sqlite (default ~/.local/share/globetrotter).
            """
    )

    @Argument(help: "The definition file (JSON).")
    var file: String

    @Flag(help: "Wait for an approval before each phase.")
    var step = false

    @Flag(help: "Print one JSON object per event, then a summary line.")
    var json = false

    func run() async throws {
        let definition = try MachineFile.load(file)
        if let remote = RemoteCommands.manager() {
            let runID = try await RemoteCommands.perform { try await remote.startRun(definition, stepMode: step ? true : nil) }
            if !json { print("run \(runID) of \(definition.name) started on \(remote.client.target.baseURL)") }
            let final = try await RemoteCommands.follow(remote, runID: runID, json: json)
            throw ExitCode(final.status == .succeeded ? 0 : 1)
        }
        let engine = try RunsEngine.open()
        let runID = try await engine.start(definition: definition, stepMode: step ? true : nil)
        if !json { print("run \(runID) of \(definition.name) started") }
        let final = try await RunFollower(engine: engine, runID: runID, json: json).follow()
        throw ExitCode(final.status == .succeeded ? 0 : 1)
    }
}
