import Foundation
import Testing
@testable import DashboardModel
@testable import Manager

/// A sweep's state lives in the store: after a restart the resumed sweep is the one active sweep, and its
/// report raises what the jobs that finished before the restart found.
@Suite struct SweepRestartTests {
    /// Two projects onboarded; a sweep stopped by a restart after project 0's job ended and while project 1's runs.
    /// `body` gets the restarted manager, the projects and the sweep's run; project 1 is still slow (4 s an answer)
    /// until the body clears its fault, so the resumed sweep cannot end before the body looks (under CI's load it
    /// once did, when the fault was cleared before the restart, and the body's sweepNow() started a second sweep).
    static func restartedMidSweep(_ body: (ManagerHarness, [String], String) async throws -> Void) async throws {
        var thresholds = Thresholds()
        thresholds.diskCriticalFreeFraction = 0.999   // every disk is low: one crossing per cluster
        let h = try await ManagerHarness.start(projects: 2, clusters: 1, collections: 2, manager: { $0.thresholds = thresholds })
        var current = h
        do {
            let ids = h.sandbox.credentials.projects.map(\.id)
            for id in ids { try await h.onboard(id) }
            // Project 1 is slow this time, so the restart comes while its job runs and project 0's has ended.
            h.sandbox.setFault(projectID: ids[1], .latency(ms: 4_000))
            h.sandbox.advance(by: 1)
            let runID = try await h.manager.sweepNow()
            #expect(try await h.manager.sweepNow() == runID, "a sweep that has not ended is the active one")
            let before = try await h.manager.engine.waitFor(runID: runID, timeout: .seconds(30)) { state in
                state.allJobs.contains { $0.name.hasSuffix(String(ids[0].suffix(6))) && $0.status == .succeeded }
            }
            #expect(before.status == .running)
            current = try await h.restarted()
            try await body(current, ids, runID)
        } catch {
            await current.stop()
            throw error
        }
        await current.stop()
    }

    @Test func theResumedSweepIsTheActiveOneAndNoSecondStartsBesideIt() async throws {
        try await Self.restartedMidSweep { h, ids, runID async throws in
            #expect(try await h.manager.sweepNow() == runID)
            h.sandbox.setFault(projectID: ids[1], nil)
            #expect(try await h.manager.engine.waitForEnd(runID: runID).status == .succeeded)
            #expect(try await h.manager.engine.runs().filter { $0.machine == "sweep" }.map(\.id) == [runID])
        }
    }

    @Test func theResumedSweepRaisesWhatItsJobsFoundBeforeTheRestart() async throws {
        try await Self.restartedMidSweep { h, ids, runID async throws in
            h.sandbox.setFault(projectID: ids[1], nil)
            #expect(try await h.manager.engine.waitForEnd(runID: runID).status == .succeeded)
            let raised = try await h.manager.store.thresholdAlerts()
            #expect(raised.contains { $0.projectID == ids[0] && $0.kind == "diskLow" }, "found before the restart: \(raised.map(\.subject))")
            #expect(raised.contains { $0.projectID == ids[1] && $0.kind == "diskLow" }, "found after it")
        }
    }
}
