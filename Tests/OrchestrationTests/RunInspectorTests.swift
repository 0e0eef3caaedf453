import Foundation
import Testing
@testable import Orchestration

@Suite struct RunInspectorTests {
    static func run() throws -> PureRunDriver {
        var run = try PureRunDriver(RunFoldTests.pipeline)
        run.script = ["orders": [.jobFailed, .jobFailed], "users": [.jobFailed]]
        run.runUntilQuiet()
        run.append(.retryRequested, job: "users")
        run.runUntilQuiet()
        return run
    }

    @Test func stateAtAnyIndexEqualsTheFoldOfThatPrefix() throws {
        let run = try Self.run()
        let inspector = RunInspector(definition: run.definition, events: run.events, checkpointInterval: 4)
        var replay = RunState(runID: "run", definition: run.definition)
        #expect(inspector.state(at: 0) == replay)
        for (index, event) in run.events.enumerated() {
            replay.apply(event)
            #expect(inspector.state(at: index + 1) == replay)
        }
        #expect(inspector.state(at: run.events.count) == run.state)
        #expect(inspector.checkpoints.count == run.events.count / 4 + 1)
    }

    @Test func changesSayWhatEachEventDid() throws {
        let run = try Self.run()
        let inspector = RunInspector(definition: run.definition, events: run.events)
        let firstFailure = try #require(run.events.firstIndex { $0.kind == .jobFailed && $0.job == "orders" }) + 1
        #expect(inspector.changes(at: firstFailure) == [.job(name: "orders", from: .running, to: .failed, attempt: 1)])
        let finished = try #require(run.events.firstIndex { $0.kind == .runFinished }) + 1
        #expect(inspector.changes(at: finished) == [.run(from: .running, to: .failed)])
        #expect(inspector.changes(at: 1) == [.run(from: .pending, to: .running)])
        #expect(inspector.changes(at: 0).isEmpty && inspector.changes(at: run.events.count + 1).isEmpty)
    }

    @Test func steppingThroughALongRunNeverReplaysFromZero() throws {
        // A long synthetic run: a job retried many times (each attempt 3 events).
        let definition = try MachineDefinition.parse(json: #"{ "name": "long", "phases": [{ "name": "p", "jobs": [{ "name": "j", "run": { "sim": {} } }] }] }"#)
        var events = [StatusEvent(id: "0", runID: "r", seq: 1, kind: .runStarted), StatusEvent(id: "1", runID: "r", seq: 2, kind: .phaseStarted, phase: "p")]
        for attempt in 1...3000 {
            for kind in [StatusEventKind.jobStarted, .jobFailed, .jobRetrying] {
                events.append(StatusEvent(id: "\(events.count)", runID: "r", seq: Int64(events.count + 1), kind: kind,
                                          phase: "p", job: "j", attempt: kind == .jobRetrying ? attempt + 1 : attempt))
            }
        }
        var inspector = RunInspector(definition: definition, events: events, checkpointInterval: 128)
        var previous = inspector.step(to: 5000)
        for index in 5001...5010 {
            let next = inspector.step(to: index)
            #expect(next.eventCount == previous.eventCount + 1)
            previous = next
        }
        #expect(inspector.state(at: 9000).job("j")?.attempt == 3000 - (events.count - 9000) / 3)
    }
}
