import ArgumentParser
import DashboardModel

/// `trotter runs report RUN JOB --token T --status succeeded|failed [--message M]`: the outcome of a callback Lambda.
struct RunsReport: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Report the outcome of a callback Lambda job with the task token its attempt was given.",
        discussion: """
            The function finds the token in context.clientContext.custom.taskToken. A token reports once, and only \
            for the attempt it was issued to.
            """
    )

    enum Outcome: String, ExpressibleByArgument, CaseIterable { case succeeded, failed }

    @Argument(help: "The run's id.") var run: String
    @Argument(help: "The callback job's name.") var job: String
    @Option(help: "The task token of the running attempt.") var token: String
    @Option(help: "succeeded or failed.") var status: Outcome
    @Option(help: "A message for the job (its output or the reason it failed).") var message: String?

    func run() async throws {
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
