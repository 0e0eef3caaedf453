import Foundation
import Testing
@testable import Orchestration
@testable import OrchestrationEngine

/// A process that stops between the three steps loses nothing and starts nothing twice: a second engine on the
/// same store resumes the run from the log and the cursors.
@Suite struct CrashRecoveryTests {
    static func machine(_ fixture: EngineFixture) throws -> MachineDefinition {
        try MachineDefinition.parse(json: """
        { "name": "crashy", "phases": [
          { "name": "extract", "jobs": [
            { "name": "a", "run": { "command": \(fixture.recording("a")) } },
            { "name": "b", "run": { "command": \(fixture.recording("b")) } } ] },
          { "name": "load", "jobs": [{ "name": "c", "run": { "command": \(fixture.recording("c")) } }] } ] }
        """)
    }

    @Test func stopAfterTheFoldBeforeDispatch() async throws {
        let fixture = try await EngineFixture()
        let crashed = fixture.engine(crash: .afterFold)
        let runID = try await crashed.start(definition: try Self.machine(fixture))
        let halted = try await crashed.waitFor(runID: runID, timeout: .seconds(30)) { $0.phase("extract")?.status == .running }
        try await Task.sleep(for: .milliseconds(200))
        #expect(fixture.runs(of: "a") == 0 && fixture.runs(of: "b") == 0, "nothing was dispatched before the crash")
        #expect(try await crashed.state(runID: runID) == halted)

        let recovered = fixture.engine()
        try await recovered.resume(runID: runID)
        let final = try await recovered.waitForEnd(runID: runID)
        #expect(final.status == .succeeded)
        #expect(["a", "b", "c"].map(fixture.runs(of:)) == [1, 1, 1], "every job ran exactly once")
        #expect(try await fixture.store.dispatchCounts(runID: runID) == ["a": 1, "b": 1, "c": 1])
        let events = try await recovered.events(runID: runID)
        #expect(events.filter { $0.kind == .phaseStarted && $0.phase == "extract" }.count == 1, "the fold's decision was not repeated")
    }

    @Test func stopAfterRecordingADispatchNeverStartsThatAttemptAgain() async throws {
        let fixture = try await EngineFixture()
        let crashed = fixture.engine(crash: .afterDispatchRecord)
        let runID = try await crashed.start(definition: try Self.machine(fixture))
        _ = try await crashed.waitFor(runID: runID, timeout: .seconds(30)) { $0.job("a")?.status == .running }
        try await Task.sleep(for: .milliseconds(200))
        #expect(fixture.runs(of: "a") == 0, "the crash came before the executor started")

        let recovered = fixture.engine()
        try await recovered.resume(runID: runID)
        let final = try await recovered.waitForEnd(runID: runID)
        #expect(final.status == .succeeded)
        #expect(["a", "b", "c"].map(fixture.runs(of:)) == [1, 1, 1])
        // Attempt 1 of a and b was recorded, never run, and replaced by attempt 2; no attempt was started twice.
        #expect(final.job("a")?.attempt == 2 && final.job("c")?.attempt == 1)
        let starts = try await recovered.events(runID: runID).filter { $0.kind == .jobStarted }.map { "\($0.job!)#\($0.attempt!)" }
        #expect(Set(starts).count == starts.count)
        #expect(try await recovered.events(runID: runID).filter { $0.kind == .jobInterrupted }.count == 2)
    }

    @Test func resumeRefusesARunItsOwnerStillDrives() async throws {
        let fixture = try await EngineFixture()
        let owner = fixture.engine()
        let runID = try await owner.start(definition: try Self.machine(fixture), stepMode: true)
        _ = try await owner.waitFor(runID: runID, timeout: .seconds(30)) { $0.status == .awaitingApproval }
        let other = fixture.engine()
        await #expect { try await other.resume(runID: runID) } throws: { error in
            (error as? EngineError)?.code == .ownedElsewhere
        }
        await owner.shutdown()
        try await other.resume(runID: runID)
        try await other.approve(runID: runID)
        _ = try await other.waitFor(runID: runID, timeout: .seconds(30)) { $0.phase("load")?.status == .awaitingApproval }
        try await other.approve(runID: runID)
        #expect(try await other.end(runID).status == .succeeded)
    }
}
