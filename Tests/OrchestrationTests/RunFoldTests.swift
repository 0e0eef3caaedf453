import Foundation
import Testing
@testable import Orchestration

@Suite struct RunFoldTests {
    static let pipeline = """
    { "name": "pipeline", "phases": [
      { "name": "extract", "jobs": [
          { "name": "orders", "run": { "sim": {} }, "retry": { "attempts": 3, "backoff": "2s" } },
          { "name": "users", "run": { "sim": {} } } ] },
      { "name": "transform", "jobs": [{ "name": "join", "run": { "sim": {} } }] },
      { "name": "load", "when": "transform succeeded", "jobs": [
          { "name": "warehouse", "run": { "sim": {} } },
          { "name": "audit", "when": "users failed", "run": { "sim": {} } } ] },
      { "name": "alert", "when": "any failed", "jobs": [{ "name": "page", "run": { "sim": {} } }] },
      { "name": "notify", "when": "always", "jobs": [{ "name": "post", "run": { "sim": {} } }] } ] }
    """

    @Test func phasesRunInSequenceAndJobsOfAPhaseInParallel() throws {
        var run = try PureRunDriver(Self.pipeline)
        run.runUntilQuiet()
        #expect(run.state.status == .succeeded)
        // Both extract jobs start before either reports; transform starts only after extract completed.
        let kinds = run.events.map { "\($0.kind.rawValue):\($0.job ?? $0.phase ?? "")" }
        let startOrders = try #require(kinds.firstIndex(of: "jobStarted:orders"))
        let startUsers = try #require(kinds.firstIndex(of: "jobStarted:users"))
        let firstOutcome = try #require(kinds.firstIndex(of: "jobSucceeded:orders"))
        #expect(startOrders < firstOutcome && startUsers < firstOutcome)
        let extractDone = try #require(kinds.firstIndex(of: "phaseCompleted:extract"))
        #expect(try #require(kinds.firstIndex(of: "phaseStarted:transform")) > extractDone)
        #expect(run.phase("alert") == .skipped && run.job("page") == .skipped)
        #expect(run.job("audit") == .skipped, "a job whose condition is false is recorded as skipped")
        #expect(run.phase("load") == .succeeded && run.phase("notify") == .succeeded)
    }

    @Test func failureSkipsDependentPhasesRunsAlertAndFailsTheRun() throws {
        var run = try PureRunDriver(Self.pipeline)
        run.script = ["users": [.jobFailed]]
        run.runUntilQuiet()
        #expect(run.phase("extract") == .failed)
        #expect(run.phase("transform") == .skipped && run.phase("load") == .skipped)
        #expect(run.phase("alert") == .succeeded && run.phase("notify") == .succeeded)
        #expect(run.state.status == .failed, "a run whose job's last attempt failed ends failed, even if alert ran")
        #expect(run.events.contains { $0.kind == .phaseSkipped && $0.phase == "load" })
    }

    @Test func retriesWaitTheBackoffThenDoubleIt() throws {
        var run = try PureRunDriver(Self.pipeline)
        run.script = ["orders": [.jobFailed, .jobTimedOut]]
        let start = run.now
        run.runUntilQuiet()
        #expect(run.started.filter { $0.hasPrefix("orders") } == ["orders#1", "orders#2", "orders#3"])
        #expect(run.job("orders") == .succeeded && run.state.status == .succeeded)
        let starts = run.events.filter { $0.kind == .jobStarted && $0.job == "orders" }.map(\.at)
        #expect(starts[1].timeIntervalSince(starts[0]) == 2)
        #expect(starts[2].timeIntervalSince(starts[1]) == 4)
        #expect(run.now.timeIntervalSince(start) == 6)
    }

    @Test func retriesStopAtTheirBudget() throws {
        var run = try PureRunDriver(Self.pipeline)
        run.script = ["orders": [.jobFailed, .jobFailed, .jobFailed, .jobSucceeded]]
        run.runUntilQuiet()
        #expect(run.started.filter { $0.hasPrefix("orders") }.count == 3)
        #expect(run.job("orders") == .failed && run.state.status == .failed)
    }

    @Test func stepModeWaitsForApprovalBeforeEachPhase() throws {
        var run = try PureRunDriver(Self.pipeline, stepMode: true)
        run.runUntilQuiet()
        #expect(run.state.status == .awaitingApproval && run.phase("extract") == .awaitingApproval)
        #expect(run.started.isEmpty)
        run.append(.approved, phase: "extract")
        run.runUntilQuiet()
        #expect(run.job("orders") == .succeeded && run.phase("transform") == .awaitingApproval)
        for phase in ["transform", "load", "notify"] {
            run.append(.approved, phase: phase)
            run.runUntilQuiet()
        }
        #expect(run.phase("alert") == .skipped, "a phase whose condition is false is skipped without asking")
        #expect(run.state.status == .succeeded)
    }

    @Test func redriveStartsANewAttemptAndResumesFromThatPhase() throws {
        var run = try PureRunDriver(Self.pipeline)
        run.script = ["join": [.jobFailed]]
        run.runUntilQuiet()
        #expect(run.state.status == .failed && run.phase("load") == .skipped && run.phase("alert") == .succeeded)
        run.append(.retryRequested, job: "join")
        #expect(run.state.status == .running && run.phase("alert") == .pending)
        run.runUntilQuiet()
        #expect(run.started.filter { $0.hasPrefix("join") } == ["join#1", "join#2"])
        #expect(run.phase("load") == .succeeded && run.phase("alert") == .skipped)
        #expect(run.started.filter { $0.hasPrefix("page") } == ["page#1"], "the earlier alert attempt is not reused")
        #expect(run.state.status == .succeeded)
    }

    @Test func cancelStopsEverythingAndEndsCancelled() throws {
        var run = try PureRunDriver(Self.pipeline, stepMode: true)
        run.runUntilQuiet()
        run.append(.approved, phase: "extract")
        // Fold only the phase start and the job starts, then cancel while jobs run.
        for draft in StateMachineStep.decide(run.definition, run.state) { run.append(draft.kind, phase: draft.phase) }
        run.append(.jobStarted, phase: "extract", job: "orders", attempt: 1)
        run.append(.cancelRequested)
        #expect(run.job("orders") == .cancelled && run.job("users") == .cancelled)
        run.append(.jobSucceeded, phase: "extract", job: "orders", attempt: 1)
        #expect(run.job("orders") == .cancelled, "news about a finished job changes nothing")
        run.runUntilQuiet()
        #expect(run.state.status == .cancelled && run.state.endedAt != nil)
        #expect(run.phase("load") == .cancelled)
    }

    @Test func duplicateStaleAndOutOfOrderEventsChangeNothing() throws {
        var run = try PureRunDriver(Self.pipeline)
        run.append(.runStarted)
        run.append(.phaseStarted, phase: "extract")
        run.append(.jobSucceeded, phase: "extract", job: "orders", attempt: 1)
        #expect(run.job("orders") == .pending, "an outcome before its start changes nothing")
        run.append(.jobStarted, phase: "extract", job: "orders", attempt: 1)
        run.append(.jobFailed, phase: "extract", job: "orders", attempt: 1, detail: "boom")
        let afterFailure = run.state
        run.append(.jobFailed, phase: "extract", job: "orders", attempt: 1, detail: "boom")
        run.append(.jobSucceeded, phase: "extract", job: "orders", attempt: 1)
        run.append(.jobSucceeded, phase: "extract", job: "nobody", attempt: 1)
        run.append(.phaseStarted, phase: "extract")
        var expected = afterFailure
        expected.eventCount += 4
        #expect(run.state == expected)
        #expect(run.state.job("orders")?.failures == 1 && run.state.job("orders")?.lastMessage == "boom")
        run.append(.jobRetrying, phase: "extract", job: "orders", attempt: 2)
        run.append(.jobStarted, phase: "extract", job: "orders", attempt: 2)
        run.append(.jobSucceeded, phase: "extract", job: "orders", attempt: 1)
        #expect(run.job("orders") == .running, "a stale attempt's outcome is ignored")
    }

    @Test func foldIsDeterministic() throws {
        var run = try PureRunDriver(Self.pipeline)
        run.script = ["orders": [.jobFailed], "users": [.jobTimedOut]]
        run.runUntilQuiet()
        let replayed = run.events.reduce(RunState(runID: "run", definition: run.definition), reduce)
        #expect(replayed == run.state)
        #expect(replayed.eventCount == run.events.count)
    }
}
