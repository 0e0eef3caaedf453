import ArgumentParser
import DashboardModel

/// `trotter runs report RUN JOB --task-token T --status succeeded|failed [--message M]`: the outcome of a callback
/// Lambda. Through a server `--token`/TROTTER_TOKEN is the API token as for every command (a report needs none:
/// the task token is the authority); on the embedded manager `--token` is still taken as the task token.
struct RunsReport: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Report the outcome of a callback Lambda job with the task token its attempt was given.",
        discussion: """
            The function finds the token in context.clientContext.custom.taskToken. A token reports once, and only \
            for the attempt it was issued to. (--token T, the old name of --task-token, still works without a server.)
            """
    )

    enum Outcome: String, ExpressibleByArgument, CaseIterable { case succeeded, failed }

    @Argument(help: "The run's id.") var run: String
    @Argument(help: "The callback job's name.") var job: String
    @Option(help: ArgumentHelp("The task token of the running attempt (context.clientContext.custom.taskToken).", valueName: "token"))
    var taskToken: String?
    /// The old name of --task-token: it reaches this command only without a server (see `takeGlobalOptions`).
    @Option(name: .customLong("token"), help: .hidden) var legacyTaskToken: String?
    @Option(help: "succeeded or failed.") var status: Outcome
    @Option(help: "A message for the job (its output or the reason it failed).") var message: String?

    func validate() throws {
        if taskToken != nil, legacyTaskToken != nil { throw ValidationError("Give the task token once, with --task-token.") }
        if taskToken == nil, legacyTaskToken == nil {
            throw ValidationError("Missing --task-token: the token the job's attempt was given (context.clientContext.custom.taskToken)."
                                  + " Through a server, --token is the API token.")
        }
    }

    func run() async throws {
        let token = taskToken ?? legacyTaskToken ?? ""
        if let remote = RemoteCommands.manager() {
            try await RemoteCommands.perform {
                try await remote.report(TeamWire.Report(runID: run, job: job, taskToken: token, status: status.rawValue, message: message))
            }
            print("reported job \(job) of run \(run) \(status.rawValue)")
            return
        }
        let engine = try RunsEngine.open()
        try await OperatorAction.perform {
            try await engine.reportCallback(runID: run, job: job, token: token, succeeded: status == .succeeded, message: message)
        }
        print("reported job \(job) of run \(run) \(status.rawValue)")
        try await RunsEngine.followIfDrivenHere(engine, run)
    }
}
