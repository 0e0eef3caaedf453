import Foundation
import Testing
@testable import Orchestration
@testable import OrchestrationEngine

/// The Runs pane's refresh reads only the runs that moved: the listing after a seq, and the merge of what it read
/// into what the pane has.
@Suite struct RunListingTests {
    static func summary(_ id: String, _ status: String, seq: Int64) -> RunSummary {
        RunSummary(id: id, machine: "m", status: status, currentPhase: nil, startedAt: nil, endedAt: nil, stepMode: false, lastSeq: seq)
    }

    @Test func theListingAfterASeqHasExactlyTheRunsThatMovedAndTheNewestSeq() async throws {
        let fixture = try await EngineFixture()
        let engine = fixture.engine()
        let quick = try MachineDefinition.parse(json: #"{"name": "quick", "phases": [{"name": "p", "jobs": [{"name": "j", "run": {"sim": {"duration": "0s"}}}]}]}"#)
        let waiting = try MachineDefinition.parse(json: #"{"name": "held", "phases": [{"name": "a", "jobs": [{"name": "j", "run": {"sim": {"duration": "0s"}}}]}, {"name": "b", "jobs": [{"name": "k", "run": {"sim": {"duration": "0s"}}}]}]}"#)
        let first = try await engine.start(definition: quick)
        let held = try await engine.start(definition: waiting, stepMode: true)
        _ = try await engine.end(first)
        _ = try await engine.waitFor(runID: held, timeout: .seconds(30)) { $0.status == .awaitingApproval }

        let all = try await engine.runs(changedAfter: nil)
        #expect(Set(all.runs.map(\.id)) == [first, held])
        #expect(all.newest == all.runs.map(\.lastSeq).max(), "the newest seq is the log's head")
        let none = try await engine.runs(changedAfter: all.newest)
        #expect(none.runs.isEmpty && none.newest == all.newest, "nothing moved")

        // Step mode: each phase after the first waits for an approval (judged by the phase it waits at: the next
        // wait may come before a look in between would see the run moving).
        var state = try await engine.waitFor(runID: held, timeout: .seconds(30), until: { $0.status == .awaitingApproval || $0.status.isFinished })
        while state.status == .awaitingApproval {
            let waitingAt = state.currentPhase
            try await engine.approve(runID: held)
            state = try await engine.waitFor(runID: held, timeout: .seconds(30)) {
                ($0.status == .awaitingApproval && $0.currentPhase != waitingAt) || $0.status.isFinished
            }
        }
        let moved = try await engine.runs(changedAfter: all.newest)
        #expect(moved.runs.map(\.id) == [held], "only the approved run moved")
        #expect(moved.runs.first?.status == "succeeded" && moved.newest > all.newest)
        let merged = RunSummary.merging(moved.runs, into: all.runs)
        #expect(merged == (try await engine.runs()), "the merge is the whole listing read again")
    }

    @Test func theMergeKeepsTheNewerOfTwoReadsAndPutsNewRunsFirst() {
        let current = [Self.summary("b", "running", seq: 5), Self.summary("a", "succeeded", seq: 3)]
        // An older read landing after a newer one changes nothing of the runs it has older.
        #expect(RunSummary.merging([Self.summary("b", "pending", seq: 2)], into: current) == current)
        let merged = RunSummary.merging([Self.summary("c", "running", seq: 9), Self.summary("b", "succeeded", seq: 8)], into: current)
        #expect(merged.map(\.id) == ["c", "b", "a"])
        #expect(merged[1].status == "succeeded")
        #expect(RunSummary.merging([], into: current) == current)
    }
}
