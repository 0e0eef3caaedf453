import ArgumentParser
import AWSAPI
import CurlHTTP
import DashboardModel
import Orchestration
import OrchestrationEngine
import TrotterStore

/// `trotter runs`: list and inspect runs, and the operator's actions on them.
struct Runs: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List, inspect, export, replay, approve, retry, cancel, resume and report on state-machine runs.",
        subcommands: [RunsList.self, RunsShow.self, RunsExport.self, RunsReplay.self, RunsApprove.self, RunsRetry.self,
                       RunsCancel.self, RunsResume.self, RunsReport.self]
    )
}

/// The engine over `$TROTTER_HOME/trotter.sqlite`, for every `runs` subcommand.
enum RunsEngine {
    static func open() throws -> OrchestrationEngine {
        OrchestrationEngine(store: try Store.atHome(), sender: CurlWebhookSender(http: HTTPClient()), aws: AWSClient(http: HTTPClient(configuration: .aws)),
                            configuration: .init(logger: CLILog.logger()))
    }

    /// After an operator action: when this process took the run over (nobody else drove it), follow it to its end.
    static func followIfDrivenHere(_ engine: OrchestrationEngine, _ runID: String, json: Bool = false) async throws {
        guard await engine.isDrivingHere(runID: runID) else { return }
        let final = try await RunFollower(engine: engine, runID: runID, json: json).follow()
        throw ExitCode(final.status == .succeeded ? 0 : 1)
    }
}

struct RunsList: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List runs, newest first.")

    @Flag(help: "One JSON array of runs.")
    var json = false

    func run() async throws {
        let runs: [RunSummary]
        if let remote = RemoteCommands.manager() {
            runs = try await RemoteCommands.perform { try await remote.runs() }
        } else {
            runs = try await RunsEngine.open().runs()
        }
        if json { print(RunJSON.text(runs)); return }
        if runs.isEmpty { print("no runs yet: start one with `trotter machines run FILE`"); return }
        let rows = runs.map { run in
            [run.id, run.machine, run.status, run.currentPhase ?? "-",
             run.startedAt.map { $0.formatted(.iso8601) } ?? "-", run.stepMode ? "step" : ""]
        }
        print(TextTable.render(header: ["RUN", "MACHINE", "STATUS", "PHASE", "STARTED", "MODE"], rows: rows))
    }
}

struct RunsApprove: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "approve", abstract: "Approve the phase a step-mode run waits on.")

    @Argument(help: "The run's id.") var run: String

    func run() async throws {
        if let remote = RemoteCommands.manager() {
            try await RemoteCommands.perform { try await remote.approve(runID: run) }
            print("approved: run \(run) goes on")
            return
        }
        let engine = try RunsEngine.open()
        try await OperatorAction.perform { try await engine.approve(runID: run) }
        print("approved: run \(run) goes on")
        try await RunsEngine.followIfDrivenHere(engine, run)
    }
}

struct RunsRetry: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "retry", abstract: "Redrive a failed job: a new attempt, and the run resumes from its phase.")

    @Argument(help: "The run's id.") var run: String
    @Argument(help: "The failed job's name.") var job: String

    func run() async throws {
        if let remote = RemoteCommands.manager() {
            try await RemoteCommands.perform { try await remote.retry(runID: run, job: job) }
            print("retrying job \(job) of run \(run)")
            return
        }
        let engine = try RunsEngine.open()
        try await OperatorAction.perform { try await engine.retry(runID: run, job: job) }
        print("retrying job \(job) of run \(run)")
        try await RunsEngine.followIfDrivenHere(engine, run)
    }
}

struct RunsCancel: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "cancel", abstract: "Cancel a run: running jobs are killed.")

    @Argument(help: "The run's id.") var run: String

    func run() async throws {
        if let remote = RemoteCommands.manager() {
            try await RemoteCommands.perform { try await remote.cancel(runID: run) }
            print("cancel requested for run \(run)")
            return
        }
        let engine = try RunsEngine.open()
        try await OperatorAction.perform { try await engine.cancel(runID: run) }
        print("cancel requested for run \(run)")
        try await RunsEngine.followIfDrivenHere(engine, run)
    }
}

struct RunsResume: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "resume", abstract: "Continue a run whose process died, from its log; nothing is started twice.")

    @Argument(help: "The run's id.") var run: String
    @Flag(help: "Print one JSON object per event, then a summary line.") var json = false

    func run() async throws {
        if let remote = RemoteCommands.manager() {
            try await RemoteCommands.perform { try await remote.resume(runID: run) }
            let final = try await RemoteCommands.follow(remote, runID: run, json: json)
            throw ExitCode(final.status == .succeeded ? 0 : 1)
        }
        let engine = try RunsEngine.open()
        try await OperatorAction.perform { try await engine.resume(runID: run) }
        try await RunsEngine.followIfDrivenHere(engine, run, json: json)
    }
}

/// Operator errors (unknown run, nothing to approve...) are for people: print them and exit 1.
enum OperatorAction {
    static func perform(_ action: () async throws -> Void) async throws {
        do { try await action() } catch let error as EngineError {
            Stderr.print("error: \(error)")
            throw ExitCode(1)
        }
    }
}
