import DashboardModel
import DashboardViews
import Foundation
import Testing
@testable import Orchestration

/// The Runs pane lists newest first and new runs arrive at the top: until the operator picks a run the cursor
/// stays on the newest; once picked, the same run stays selected by id while rows shift under it (k9s).
@Suite struct RunsSelectionTests {
    static func run(_ n: Int, started: Bool = true) -> RunSummary {
        RunSummary(id: "r\(n)", machine: "sweep", status: started ? "running" : "pending", currentPhase: nil,
                   startedAt: started ? Fixture.now.addingTimeInterval(Double(n)) : nil, endedAt: nil, stepMode: false,
                   lastSeq: Int64(n))
    }

    static func snapshot(_ runs: [RunSummary], version: Int) -> DashboardSnapshot {
        var snap = DashboardSnapshot.empty
        snap.version = version
        snap.runs = runs
        return snap
    }

    @Test func cursorStaysOnTheNewestRunUntilOneIsPicked() {
        var s = AppState(width: 80, height: 24, now: Fixture.now)
        _ = Update.update(&s, .snapshot(Self.snapshot([Self.run(1)], version: 1)))
        _ = Update.update(&s, .snapshot(Self.snapshot((1...6).map { Self.run($0) }, version: 2)))
        _ = Fixture.press(&s, .char("3"))
        #expect(s.runs.cursor == 0 && s.runs.selected?.id == "r6")
        #expect(s.runs.cursor != s.runs.count - 1)
        // A run that has not started yet is the newest too: it comes in at the top, not under the others.
        _ = Update.update(&s, .snapshot(Self.snapshot((1...6).map { Self.run($0) } + [Self.run(7, started: false)], version: 3)))
        #expect(s.runs.row(at: 0).id == "r7" && s.runs.selected?.id == "r7")
    }

    @Test func aPickedRunStaysSelectedAsNewRunsArrive() {
        var s = AppState(width: 80, height: 24, now: Fixture.now)
        _ = Update.update(&s, .snapshot(Self.snapshot((1...3).map { Self.run($0) }, version: 1)))
        _ = Fixture.press(&s, .char("3"), .down)
        #expect(s.runs.selected?.id == "r2")
        _ = Update.update(&s, .snapshot(Self.snapshot((1...5).map { Self.run($0) }, version: 2)))
        #expect(s.runs.selected?.id == "r2" && s.runs.cursor == 3)
        // Enter opens the run that is selected, not the one now at its old position.
        #expect(Fixture.press(&s, .enter) == [.loadRunLog(runID: "r2", after: 0)])
        // Switching away and back keeps the pick.
        _ = Fixture.press(&s, .escape, .char("1"), .char("3"))
        #expect(s.runs.selected?.id == "r2")
    }
}
