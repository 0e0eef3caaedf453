import Foundation
import Synchronization
import Testing
@testable import DashboardModel
@testable import Orchestration
@testable import OrchestrationEngine

@Suite struct EngineTests {
    @Test func jobsOfAPhaseRunInParallelAndPhasesInSequence() async throws {
        let fixture = try await EngineFixture()
        let dir = fixture.path
        // Each extract job waits until the other has started: they only finish if they run at the same time.
        let machine = try MachineDefinition.parse(json: """
        { "name": "parallel", "phases": [
          { "name": "extract", "jobs": [
            { "name": "a", "timeout": "30s", "run": { "command": ["sh", "-c", "touch '\(dir)/a'; while [ ! -f '\(dir)/b' ]; do sleep 0.02; done"] } },
            { "name": "b", "timeout": "30s", "run": { "command": ["sh", "-c", "touch '\(dir)/b'; while [ ! -f '\(dir)/a' ]; do sleep 0.02; done"] } } ] },
          { "name": "load", "jobs": [
            { "name": "c", "run": { "command": ["sh", "-c", "test -f '\(dir)/a' && test -f '\(dir)/b' && echo loaded"] } } ] } ] }
        """)
        let engine = fixture.engine()
        let runID = try await engine.start(definition: machine)
        let final = try await engine.waitForEnd(runID: runID)
        #expect(final.status == .succeeded)
        #expect(final.job("c")?.lastMessage == "loaded", "the output tail is kept")
        let events = try await engine.events(runID: runID)
        let loadStart = try #require(events.firstIndex { $0.kind == .phaseStarted && $0.phase == "load" })
        let extractEnd = try #require(events.firstIndex { $0.kind == .phaseCompleted && $0.phase == "extract" })
        #expect(extractEnd < loadStart)
        #expect(try await fixture.store.runs().first?.status == "succeeded")
    }

    @Test func timeoutKillsTheProcessAndFailsTheRun() async throws {
        let fixture = try await EngineFixture()
        let machine = try MachineDefinition.parse(json: """
        { "name": "slow", "phases": [{ "name": "p", "jobs": [
            { "name": "sleepy", "timeout": "300ms", "run": { "command": ["sleep", "120"] } } ] },
          { "name": "alert", "when": "sleepy failed", "jobs": [{ "name": "page", "run": { "sim": { "duration": "1ms" } } }] } ] }
        """)
        let engine = fixture.engine()
        let clock = ContinuousClock()
        let started = clock.now
        let runID = try await engine.start(definition: machine)
        let final = try await engine.waitForEnd(runID: runID)
        // Generous bound: a loaded 2-core machine can stall the suite for seconds; an unkilled sleep takes 120 s.
        #expect(clock.now - started < .seconds(60), "the sleep was killed, not waited for")
        #expect(final.job("sleepy")?.status == .timedOut)
        #expect(final.job("page")?.status == .succeeded, "a timed-out job counts as failed for conditions")
        #expect(final.status == .failed)
    }

    @Test func failedAttemptsAreRetriedWithBackoff() async throws {
        let fixture = try await EngineFixture()
        let counter = "\(fixture.path)/count"
        let machine = try MachineDefinition.parse(json: """
        { "name": "flaky", "phases": [{ "name": "p", "jobs": [
            { "name": "flaky", "retry": { "attempts": 3, "backoff": "100ms" },
              "run": { "command": ["sh", "-c", "n=$(cat '\(counter)' 2>/dev/null || echo 0); n=$((n+1)); echo $n > '\(counter)'; echo attempt $n; [ $n -ge 3 ]"] } } ] }] }
        """)
        let engine = fixture.engine()
        let runID = try await engine.start(definition: machine)
        let final = try await engine.waitForEnd(runID: runID)
        #expect(final.status == .succeeded)
        #expect(final.job("flaky")?.attempt == 3)
        let events = try await engine.events(runID: runID)
        let starts = events.filter { $0.kind == .jobStarted }.map(\.at)
        #expect(starts.count == 3)
        #expect(starts[1].timeIntervalSince(starts[0]) >= 0.1)
        #expect(starts[2].timeIntervalSince(starts[1]) >= 0.2, "the second wait doubles")
        #expect(events.filter { $0.kind == .jobRetrying }.count == 2)
    }

    @Test func stepModeWaitsForApprovalFromAnotherEngine() async throws {
        let fixture = try await EngineFixture()
        let machine = try MachineDefinition.parse(json: """
        { "name": "careful", "phases": [
          { "name": "one", "jobs": [{ "name": "a", "run": { "command": \(fixture.recording("a")) } }] },
          { "name": "two", "jobs": [{ "name": "b", "run": { "command": \(fixture.recording("b")) } }] } ] }
        """)
        let engine = fixture.engine()
        let runID = try await engine.start(definition: machine, stepMode: true)
        _ = try await engine.waitFor(runID: runID, timeout: .seconds(30)) { $0.phase("one")?.status == .awaitingApproval }
        #expect(fixture.runs(of: "a") == 0)
        // The operator approves through another engine on the same store, as `trotter runs approve` does.
        let operatorEngine = fixture.engine()
        try await operatorEngine.approve(runID: runID)
        _ = try await engine.waitFor(runID: runID, timeout: .seconds(30)) { $0.phase("two")?.status == .awaitingApproval }
        #expect(fixture.runs(of: "a") == 1 && fixture.runs(of: "b") == 0)
        try await operatorEngine.approve(runID: runID)
        let final = try await engine.waitForEnd(runID: runID)
        #expect(final.status == .succeeded && fixture.runs(of: "b") == 1)
        await #expect(throws: EngineError.self) { try await operatorEngine.approve(runID: runID) }
        await operatorEngine.shutdown()
    }

    @Test func redriveAfterFailureResumesFromThatPhase() async throws {
        let fixture = try await EngineFixture()
        let machine = try MachineDefinition.parse(json: """
        { "name": "redrive", "phases": [
          { "name": "extract", "jobs": [{ "name": "pull", "run": { "builtin": { "name": "pull" } } }] },
          { "name": "load", "jobs": [{ "name": "push", "run": { "command": \(fixture.recording("push")) } }] },
          { "name": "alert", "when": "any failed", "jobs": [{ "name": "page", "run": { "command": \(fixture.recording("page")) } }] } ] }
        """)
        let engine = fixture.engine()
        let calls = Counter()
        engine.registerBuiltin(name: "pull") { context in
            #expect(context.job == "pull")
            if calls.increment() == 1 { throw TestFailure(text: "source unavailable") }
            return "pulled on attempt \(context.attempt)"
        }
        let runID = try await engine.start(definition: machine)
        let failed = try await engine.waitForEnd(runID: runID)
        #expect(failed.status == .failed && failed.job("pull")?.lastMessage?.contains("source unavailable") == true)
        #expect(fixture.runs(of: "page") == 1 && fixture.runs(of: "push") == 0)
        await #expect(throws: EngineError.self) { try await engine.retry(runID: runID, job: "push") }
        try await engine.retry(runID: runID, job: "pull")
        let final = try await engine.end(runID)
        #expect(final.status == .succeeded)
        #expect(final.job("pull")?.attempt == 2 && final.job("pull")?.lastMessage == "pulled on attempt 2")
        #expect(fixture.runs(of: "push") == 1 && fixture.runs(of: "page") == 1, "alert is skipped the second time")
        #expect(final.phase("alert")?.status == .skipped)
    }

    @Test func cancelKillsRunningJobsAndEndsCancelled() async throws {
        let fixture = try await EngineFixture()
        let machine = try MachineDefinition.parse(json: """
        { "name": "long", "phases": [
          { "name": "p", "jobs": [{ "name": "sleepy", "run": { "command": ["sh", "-c", "echo started > '\(fixture.path)/started'; exec sleep 60"] } }] },
          { "name": "q", "jobs": [{ "name": "after", "run": { "command": \(fixture.recording("after")) } }] } ] }
        """)
        let engine = fixture.engine()
        let runID = try await engine.start(definition: machine)
        _ = try await engine.waitFor(runID: runID, timeout: .seconds(30)) { _ in
            FileManager.default.fileExists(atPath: "\(fixture.path)/started")
        }
        let clock = ContinuousClock()
        let cancelledAt = clock.now
        try await engine.cancel(runID: runID)
        let final = try await engine.waitForEnd(runID: runID)
        #expect(clock.now - cancelledAt < .seconds(20))
        #expect(final.status == .cancelled && final.job("sleepy")?.status == .cancelled)
        #expect(fixture.runs(of: "after") == 0)
        await #expect(throws: EngineError.self) { try await engine.cancel(runID: runID) }
    }

    @Test func duplicateEventsAreNoOpsAndLateOnesChangeNothing() async throws {
        let fixture = try await EngineFixture()
        let machine = try MachineDefinition.parse(json: #"{ "name": "m", "phases": [{ "name": "p", "jobs": [{ "name": "a", "run": { "sim": { "duration": "1ms" } } }] }] }"#)
        let engine = fixture.engine()
        let runID = try await engine.start(definition: machine)
        let final = try await engine.waitForEnd(runID: runID)
        let event = StatusEvent(id: "\(runID)/a/1/outcome", runID: runID, kind: .jobFailed, phase: "p", job: "a", attempt: 1)
        #expect(try await fixture.store.append(event) == nil, "same id as the recorded outcome: a no-op")
        let late = StatusEvent(id: "late", runID: runID, kind: .jobFailed, phase: "p", job: "a", attempt: 1, detail: "late")
        let stored = try #require(try await fixture.store.append(late))
        #expect(try await fixture.store.append(late) == nil)
        let after = try await engine.state(runID: runID)
        #expect(after.status == .succeeded && after.job("a") == final.job("a"))
        #expect(after.eventCount == final.eventCount + 1)
        let last = try #require(try await engine.events(runID: runID).last)
        #expect(last.id == "late" && last.seq == stored.seq && last.detail == "late", "kept in the log")
    }

    @Test func changesAnnounceRunsWhoseLogGrew() async throws {
        let fixture = try await EngineFixture()
        let engine = fixture.engine()
        let changes = await engine.changes()
        let machine = try MachineDefinition.parse(json: #"{ "name": "m", "phases": [{ "name": "p", "jobs": [{ "name": "a", "run": { "sim": { "duration": "1ms" } } }] }] }"#)
        let runID = try await engine.start(definition: machine)
        var iterator = changes.makeAsyncIterator()
        #expect(await iterator.next() == runID)
        let final = try await engine.waitForEnd(runID: runID)
        #expect(try await engine.events(runID: runID).map(\.kind).last == .runFinished)
        #expect(final.status == .succeeded)
    }

    @Test func simJobsAreRepeatableBySeed() async {
        let spec = SimJobSpec(duration: .milliseconds(1), jitter: .milliseconds(5), failRate: 0.5, seed: 42)
        var outcomes: [JobOutcome] = []
        for attempt in 1...6 {
            let invocation = JobInvocation(runID: "r", machine: "m", phase: "p", job: "j", attempt: attempt, run: .sim(spec))
            let first = await SimExecutor().execute(invocation)
            #expect(await SimExecutor().execute(invocation) == first)
            outcomes.append(first)
        }
        #expect(Set(outcomes.map { if case .succeeded = $0 { true } else { false } }).count == 2, "a 50% coin lands both ways in 6 tries")
    }
}

struct TestFailure: Error, CustomStringConvertible { var text: String; var description: String { text } }

final class Counter: Sendable {
    private let value = Mutex(0)
    func increment() -> Int { value.withLock { $0 += 1; return $0 } }
}
