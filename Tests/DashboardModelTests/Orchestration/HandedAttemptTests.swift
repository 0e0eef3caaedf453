import Foundation
import Logging
import Synchronization
import Testing
@testable import DashboardModel
@testable import Orchestration
@testable import OrchestrationEngine
@testable import TrotterStore
@testable import TrotterServer

/// Attempts a driver hands to the team instead of running them, and another engine on the same store claims and
/// runs (``OrchestrationEngine/runHanded(_:fence:)``): the outcome is written only under the claim's fence, never
/// twice, and the attempt stops with its run or its timeout. The queue here is an in-memory list; the PostgreSQL
/// queue is exercised end to end by scripts/team-postgres-e2e.sh.
@Suite struct HandedAttemptTests {
    /// The team's queue as a list: every attempt of a user's job is handed to it.
    final class ListedWork: SharedWork {
        private let handed = Mutex<[JobInvocation]>([])
        func shares(_ run: JobRun) -> Bool {
            if case .builtin = run { return false }
            return true
        }
        func hand(_ invocation: JobInvocation) async throws { handed.withLock { $0.append(invocation) } }

        /// Waits until `attempt` of `job` was handed over.
        func waitFor(_ job: String, attempt: Int = 1) async throws -> JobInvocation {
            for _ in 0..<3000 {
                if let found = handed.withLock({ $0.first { $0.job == job && $0.attempt == attempt } }) { return found }
                try await Task.sleep(for: .milliseconds(10))
            }
            throw CancellationError()
        }
    }

    struct LostClaim: Error {}

    private func handOver(_ fixture: EngineFixture, _ json: String) async throws -> (driver: OrchestrationEngine, worker: OrchestrationEngine,
                                                                                 work: ListedWork, runID: String) {
        let work = ListedWork()
        let driver = fixture.engine()
        await driver.share(work)
        let runID = try await driver.start(definition: try MachineDefinition.parse(json: json))
        return (driver, fixture.engine(), work, runID)
    }

    @Test func aHandedAttemptRunsOnTheClaimingEngineAndTheDriverFoldsItsOutcome() async throws {
        let fixture = try await EngineFixture()
        let (driver, worker, work, runID) = try await handOver(fixture, """
        { "name": "handed", "phases": [{ "name": "p", "jobs": [
            { "name": "a", "run": { "command": \(fixture.recording("a", then: "echo from the worker")) } } ] }] }
        """)
        let invocation = try await work.waitFor("a")
        #expect(fixture.runs(of: "a") == 0, "the driver handed the attempt over instead of running it")
        #expect(try await worker.runHanded(invocation) { _ in } == "jobSucceeded")
        let final = try await driver.end(runID)
        #expect(final.status == .succeeded)
        #expect(final.job("a")?.lastMessage == "from the worker")
        #expect(fixture.runs(of: "a") == 1)
        // A second claim of the same attempt (a takeover after the outcome was written) does not run it again.
        #expect(try await worker.runHanded(invocation) { _ in } == "already reported")
        #expect(fixture.runs(of: "a") == 1)
    }

    @Test func anAttemptWhoseClaimWasLostWritesNothing() async throws {
        let fixture = try await EngineFixture()
        let (driver, worker, work, runID) = try await handOver(fixture, """
        { "name": "fenced", "phases": [{ "name": "p", "jobs": [
            { "name": "a", "run": { "command": \(fixture.recording("a", then: "echo late")) } } ] }] }
        """)
        let invocation = try await work.waitFor("a")
        await #expect(throws: LostClaim.self) {
            try await worker.runHanded(invocation) { _ in throw LostClaim() }
        }
        #expect(fixture.runs(of: "a") == 1, "it ran")
        let events = try await driver.events(runID: runID)
        #expect(!events.contains { $0.id == invocation.outcomeEventID }, "but its outcome was not written")
        #expect(try await driver.state(runID: runID).job("a")?.status == .running)
        // The server that took the claim over runs it and its outcome stands.
        #expect(try await worker.runHanded(invocation) { _ in } == "jobSucceeded")
        #expect(try await driver.end(runID).status == .succeeded)
    }

    @Test func aHandedAttemptStopsWhenItsRunIsCancelled() async throws {
        let fixture = try await EngineFixture()
        let (driver, worker, work, runID) = try await handOver(fixture, """
        { "name": "cancelled", "phases": [{ "name": "p", "jobs": [
            { "name": "a", "run": { "command": \(fixture.recording("a", then: "sleep 120")) } } ] }] }
        """)
        let invocation = try await work.waitFor("a")
        let clock = ContinuousClock()
        let started = clock.now
        let running = Task { try await worker.runHanded(invocation) { _ in } }
        while fixture.runs(of: "a") == 0 { try await Task.sleep(for: .milliseconds(20)) }
        try await driver.cancel(runID: runID)
        #expect(try await running.value == "stopped: the run ended")
        #expect(clock.now - started < .seconds(60), "the sleep was killed, not waited for")
        #expect(try await driver.end(runID).status == .cancelled)
    }

    @Test func aHandedAttemptIsKilledAtItsJobsTimeout() async throws {
        let fixture = try await EngineFixture()
        let (driver, worker, work, runID) = try await handOver(fixture, """
        { "name": "timed", "phases": [{ "name": "p", "jobs": [
            { "name": "a", "timeout": "300ms", "run": { "command": ["sleep", "120"] } } ] }] }
        """)
        let invocation = try await work.waitFor("a")
        #expect(invocation.timeout == .milliseconds(300), "the timeout travels with the attempt")
        // The driver would record the timeout from the log too: with it stopped, only the claiming engine can.
        await driver.shutdown()
        let clock = ContinuousClock()
        let started = clock.now
        #expect(try await worker.runHanded(invocation) { _ in } == "jobTimedOut")
        #expect(clock.now - started < .seconds(60), "the sleep was killed, not waited for")
        #expect(try await worker.state(runID: runID).job("a")?.status == .timedOut)
        #expect(try await worker.events(runID: runID).filter { $0.id == invocation.outcomeEventID }.count == 1)
    }

    /// The team's queue gives an attempt up when every server that claimed it died, or its work threw, too many times
    /// (``TeamWorkQueue/recordGivenUp(_:key:engine:logger:why:)``): its run hears it failed, once, and retries it.
    @Test func anAttemptTheQueueGaveUpOnFailsInItsRunOnceAndIsRetried() async throws {
        let fixture = try await EngineFixture()
        let (driver, worker, work, runID) = try await handOver(fixture, """
        { "name": "given-up", "phases": [{ "name": "p", "jobs": [
            { "name": "a", "retry": { "attempts": 2, "backoff": "10ms" },
              "run": { "command": \(fixture.recording("a", then: "echo second time")) } } ] }] }
        """)
        let first = try await work.waitFor("a")
        let payload = String(decoding: try JSONEncoder().encode(first), as: UTF8.self)
        let logger = Logger(label: "test") { _ in SwiftLogNoOpLogHandler() }
        await TeamWorkQueue.recordGivenUp(payload, key: "a#1", engine: worker, logger: logger, why: "3 servers stopped")
        let second = try await work.waitFor("a", attempt: 2)
        let failed = try await driver.events(runID: runID).filter { $0.id == first.outcomeEventID }
        #expect(failed.map(\.kind) == [.jobFailed])
        #expect(failed.first?.detail == "given up by the team's queue: 3 servers stopped")
        // A second give-up of the same attempt (another server's runner saw it too) changes nothing.
        await TeamWorkQueue.recordGivenUp(payload, key: "a#1", engine: worker, logger: logger, why: "again")
        #expect(try await driver.events(runID: runID).filter { $0.id == first.outcomeEventID }.count == 1)
        // Nor does a payload that is not an attempt.
        await TeamWorkQueue.recordGivenUp("{}", key: "x#1", engine: worker, logger: logger, why: "garbled")
        #expect(fixture.runs(of: "a") == 0, "attempt 1 never ran: it was given up before any server could")
        #expect(try await worker.runHanded(second) { _ in } == "jobSucceeded")
        let final = try await driver.end(runID)
        #expect(final.status == .succeeded)
        #expect(final.job("a")?.attempt == 2)
        #expect(final.job("a")?.lastMessage == "second time")
    }

    @Test func anInvocationWithoutATimeoutDecodesFromAnOlderPayload() throws {
        let old = #"{"runID":"r1","machine":"m","phase":"p","job":"a","attempt":1,"run":{"command":["true"]}}"#
        let invocation = try JSONDecoder().decode(JobInvocation.self, from: Data(old.utf8))
        #expect(invocation.timeout == nil)
        #expect(invocation.run == .command(["true"]))
    }
}
