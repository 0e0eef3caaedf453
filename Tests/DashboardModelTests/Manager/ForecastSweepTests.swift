import AtlasSandbox
import Foundation
import Testing
@testable import DashboardModel
@testable import Manager

/// The forecast on the emulator, whose data grows between sweeps: every disk gets a "full in" after a few
/// sweeps, and a red forecast is raised once through the notification step.
@Suite(.serialized) struct ForecastSweepTests {
    @Test func growingDataGivesAForecastAndOneAlertPerCrossing() async throws {
        var t = Thresholds()
        t.fullInCriticalSeconds = 1e15  // every filling disk is "red" here
        try await ManagerHarness.with(projects: 1, clusters: 2, collections: 6, manager: { $0.thresholds = t }) { h in
            try await h.onboard(h.sandbox.credentials.projects[0].id)
            #expect(await h.manager.currentSnapshot().clusters.allSatisfy { $0.fullInSeconds == nil }, "one sample: no forecast")
            for _ in 0..<3 {
                h.sandbox.advance(by: 3)
                #expect(try await h.sweep().status == .succeeded)
            }
            let clusters = await h.manager.currentSnapshot().clusters
            #expect(clusters.count == 2)
            #expect(clusters.allSatisfy { ($0.fullInSeconds ?? 0) > 0 && $0.freeHistory.count == 4 }, "\(clusters.map(\.fullInSeconds))")
            let raised = try await h.manager.store.thresholdAlerts().filter { $0.kind == "diskFullSoon" }
            #expect(Set(raised.map(\.subject)) == Set(clusters.map { "\($0.projectName)/\($0.cluster) full-in red" }))
            #expect(raised.count == 2, "once per crossing, not once per sweep")
            #expect(raised.allSatisfy { $0.message.contains("will be full in") })
        }
    }
}
