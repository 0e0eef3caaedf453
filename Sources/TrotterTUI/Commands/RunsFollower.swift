import DashboardModel
import Foundation
import Logging
import Orchestration
import OrchestrationEngine

/// Prints a run's events as they are appended until the run ends (and this process's steps caught up), then a
/// summary: what `machines run`, `runs resume` and operator actions that take a run over show.
struct RunFollower {
    let engine: OrchestrationEngine
    let runID: String
    let json: Bool

    /// Sleeps between changes: it wakes when the engine publishes one (this process's driver appended or found
    /// events, or stopped), never on a timer.
    func follow() async throws -> RunState {
        var changes = await engine.changes().makeAsyncIterator()
        var printed: Int64 = 0
        var number = 0
        var announcedApproval: String?
        func printNew() async throws {
            for event in try await engine.events(runID: runID) where event.seq > printed {
                number += 1
                print(json ? RunJSON.line(event) : EventText.line(event, number: number))
                printed = event.seq
            }
            // Flush so a pipe (e.g. `--json | jq`) sees each event as it happens.
            fflush(nil)
        }
        while true {
            try await printNew()
            let state = try await engine.state(runID: runID)
            if state.status == .awaitingApproval, let phase = state.phases.first(where: { $0.status == .awaitingApproval }),
               announcedApproval != phase.name {
                announcedApproval = phase.name
                Stderr.print("phase \(phase.name) awaits approval: trotter runs approve \(runID)")
            }
            if !(await engine.isDrivingHere(runID: runID)) {
                try await printNew()
                let final = try await engine.state(runID: runID)
                guard final.status.isFinished else {
                    throw CommandFailure("run \(runID) stopped before it ended (see the error above); "
                                         + "`trotter runs resume \(runID)` continues it")
                }
                print(json ? RunJSON.summary(final) : "run \(runID) \(final.status.rawValue)")
                return final
            }
            // Any run's change wakes this; the loop re-reads and goes back to sleep when it was another run.
            while let changed = await changes.next(), changed != runID {}
            try Task.checkCancellation()
        }
    }
}

/// JSON renderings for `--json`.
enum RunJSON {
    private static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }()

    static func line(_ event: StatusEvent) -> String { event.jsonText }

    /// `{"run": ID, "status": ..., "jobs": {NAME: status}, "phases": {NAME: status}}`.
    static func summary(_ state: RunState) -> String {
        let jobs = Dictionary(uniqueKeysWithValues: state.allJobs.map { ($0.name, $0.status.rawValue) })
        let phases = Dictionary(uniqueKeysWithValues: state.phases.map { ($0.name, $0.status.rawValue) })
        // Written field by field to keep the documented order: run, status, jobs, phases.
        return "{\"run\":\(text(state.runID)),\"status\":\(text(state.status.rawValue)),\"jobs\":\(text(jobs)),\"phases\":\(text(phases))}"
    }

    static func text(_ value: some Encodable) -> String {
        String(decoding: (try? encoder.encode(value)) ?? Data("{}".utf8), as: UTF8.self)
    }
}

/// The CLI's log: warnings and worse to stderr (the events themselves are printed by the follower).
enum CLILog {
    static func logger() -> Logger {
        var logger = Logger(label: "trotter", factory: { StreamLogHandler.standardError(label: $0) })
        logger.logLevel = .warning
        return logger
    }
}
