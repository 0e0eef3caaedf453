import ArgumentParser
import Foundation
import Logging
import TeamCoordination

/// A stand-in for one `trotter serve` in the coordination tests: claims and "works" jobs (a sleep each), and
/// optionally contends for a shared schedule whose winner enqueues one job per project. Runs until killed.
@main
struct CoordinationWorker: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trotter-coordination-worker",
        abstract: "Test helper: one server's share of the team's job queue and schedule on PostgreSQL."
    )

    @Option(help: "postgres://USER[:PASSWORD]@HOST:PORT/DB (default: $TROTTER_DATABASE_URL).") var database: String?
    @Option(help: "This worker's name in claims.") var id: String
    @Option(help: "Lease of each claim, e.g. 1s or 500ms.") var lease = "5s"
    @Option(help: "How long to wait for a notice before polling.") var poll = "2s"
    @Option(help: "How long each job takes.") var work = "20ms"
    @Option(help: "Jobs worked at once.") var concurrency = 1
    @Option(help: "Where to append the event lines.") var log: String
    @Option(help: "Also contend for this schedule's slots.") var schedule: String?
    @Option(help: "The schedule's interval.") var every = "1s"
    @Option(help: "Jobs the slot's winner enqueues.") var projects = 3
    @Flag(help: "Do not LISTEN: find jobs by polling only.") var noListen = false

    func run() async throws {
        guard let text = database ?? ProcessInfo.processInfo.environment[DatabaseURL.environmentKey] else {
            throw ValidationError("--database or \(DatabaseURL.environmentKey) is required.")
        }
        let url: DatabaseURL
        do { url = try DatabaseURL(parsing: text) } catch { throw ValidationError(error.message) }
        guard let lease = Duration.parse(lease), let poll = Duration.parse(poll), let work = Duration.parse(work),
              let every = Duration.parse(every) else {
            throw ValidationError("--lease, --poll, --work and --every take durations such as 1s or 500ms.")
        }
        let log = try WorkerLog(path: self.log)
        var logger = Logger(label: "coordination-worker")
        logger.logLevel = .error
        let coordinator: Coordinator
        do { coordinator = try await Coordinator.connect(url: url, logger: logger) } catch {
            FileHandle.standardError.write(Data("coordination-worker: \(error)\n".utf8))
            throw ExitCode(1)
        }
        log.line("ready")
        let runner = JobRunner(coordinator: coordinator, server: id, lease: lease, pollInterval: poll,
                               concurrency: concurrency)
        await withTaskGroup(of: Void.self) { group in
            group.addTask {
                await runner.run(listen: !noListen, events: { Self.record($0, to: log) }) { _ in
                    try await Task.sleep(for: work)
                    return "ok"
                }
            }
            if let schedule {
                group.addTask { await contend(schedule, every: every, coordinator: coordinator, log: log) }
            }
        }
    }

    /// Asks for the current slot four times per interval, so a slot is claimed soon after it begins.
    func contend(_ schedule: String, every: Duration, coordinator: Coordinator, log: WorkerLog) async {
        let projects = projects
        while !Task.isCancelled {
            do {
                if let win = try await coordinator.schedule.claimCurrentSlot(schedule, every: every, by: id, jobs: { slot in
                    (0..<projects).map { NewJob(runID: "\(schedule)-\(slot)", key: "project-\($0)") }
                }) {
                    log.line("slot \(win.schedule) \(win.slot) \(win.jobIDs.count)")
                }
            } catch {
                log.line("error \(error)")
            }
            try? await Task.sleep(for: every / 4)
        }
    }

    static func record(_ event: JobRunner.Event, to log: WorkerLog) {
        switch event {
        case .started(let job):
            log.line("start \(job.id) \(job.fence) \(job.attempt)\(job.takenOverFrom.map { " \($0)" } ?? "")")
        case .completed(let job): log.line("done \(job.id) \(job.fence)")
        case .failed(let job, _, _): log.line("failed \(job.id) \(job.fence)")
        case .refused(let job, let write): log.line("refused \(job.id) \(job.fence) \(write)")
        case .error(let error): log.line("error \(error.message)")
        case .listening: log.line("listening")
        case .abandoned(let job): log.line("abandoned \(job.id) \(job.fence)")
        case .gaveUp(let job, _): log.line("gave-up \(job.id) \(job.fence)")
        }
    }
}
