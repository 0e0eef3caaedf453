import DashboardModel
import Testing
@testable import DashboardViews

/// Key handling through the pure update function, no rendering.
@Suite struct UpdateTests {
    @Test func paneSwitchingAndQuit() {
        var s = Fixture.state()
        _ = Fixture.press(&s, .char("3"))
        #expect(s.pane == .runs)
        _ = Fixture.press(&s, .tab, .tab)
        #expect(s.pane == .namespaces)
        _ = Fixture.press(&s, .backTab)
        #expect(s.pane == .projects)
        #expect(Fixture.press(&s, .char("q")) == [.quit])
        #expect(Fixture.press(&s, .function(10)) == [.quit])
    }

    @Test func filterModeTakesPrintableKeysAsText() {
        var s = Fixture.state()
        _ = Fixture.press(&s, .char("/"))
        #expect(Fixture.press(&s, .char("q"), .char("1"), .char("?")).isEmpty)
        #expect(s.namespaces.filter == "q1?" && s.pane == .namespaces && s.overlay == nil)
        _ = Fixture.press(&s, .backspace, .enter)
        #expect(!s.filterEditing && s.namespaces.filter == "q1")
        _ = Fixture.press(&s, .escape)  // Esc on the table clears the kept filter
        #expect(s.namespaces.filter.isEmpty)
        _ = Fixture.press(&s, .char("/"), .char("x"), .escape)
        #expect(!s.filterEditing && s.namespaces.filter.isEmpty)
        #expect(Fixture.press(&s, .char("/"), .ctrl("c")) == [.quit])  // Ctrl-C quits even from text input
    }

    @Test func helpOverlayClosesWithEscAndQuitDoesNotQuitFromIt() {
        var s = Fixture.state()
        _ = Fixture.press(&s, .char("?"))
        #expect(s.overlay == .help)
        #expect(Fixture.press(&s, .char("q")).isEmpty)
        #expect(s.overlay == nil)
    }

    @Test func helpScrollsOnAShortTerminalAndShowsThePaneKeysFirst() {
        var s = Fixture.state(width: 80, height: 24)
        _ = Fixture.press(&s, .char("3"), .char("?"))
        let lastKey = KeyHelp.groups(for: .runs, inspector: false).last!.keys.last!.action
        #expect(HelpView.maxScroll(s) > 0)
        #expect(DashboardScreen.render(s).textDump().contains("Enter              open the run inspector"))
        #expect(!DashboardScreen.render(s).textDump().contains(lastKey))
        _ = Fixture.press(&s, .end)
        #expect(s.helpScroll == HelpView.maxScroll(s))
        #expect(DashboardScreen.render(s).textDump().contains(lastKey))
        #expect(DashboardScreen.render(s).textDump().contains("more above"))
        _ = Fixture.press(&s, .down, .down)  // already at the end: stays clamped
        #expect(s.helpScroll == HelpView.maxScroll(s))
        _ = Fixture.press(&s, .home, .up)
        #expect(s.helpScroll == 0)
        // Everything fits on a tall terminal: nothing to scroll.
        _ = Update.update(&s, .resize(width: 120, height: 60))
        #expect(HelpView.maxScroll(s) == 0)
        _ = Fixture.press(&s, .down)
        #expect(s.helpScroll == 0)
    }

    @Test func tooSmallOnlyQuits() {
        var s = Fixture.state(width: 70, height: 20)
        #expect(Fixture.press(&s, .char("3"), .char("?")).isEmpty)
        #expect(s.pane == .namespaces && s.overlay == nil)
        #expect(Fixture.press(&s, .char("q")) == [.quit])
        _ = Update.update(&s, .resize(width: 120, height: 40))
        #expect(!s.isTooSmall && s.namespaces.pageHeight == 35)
    }

    @Test func formTypingValidationAndRedactedSubmission() {
        var s = Fixture.state()
        _ = Fixture.press(&s, .char("4"), .char("n"))
        Fixture.type(&s, "6650a1b2c3d4e5f6a7b8c9d0")
        _ = Fixture.press(&s, .tab)
        Fixture.type(&s, "mdb_sa_id_6650a1b2")  // a service account: its secret follows
        _ = Fixture.press(&s, .tab)
        Fixture.type(&s, "y")  // `y` is text in the form, never a copy
        guard case .form(let partial) = s.overlay else { Issue.record("form closed"); return }
        #expect(partial.value(.privateKey) == "y" && partial.visibleError(.privateKey) != nil)
        _ = Fixture.press(&s, .ctrl("u"))
        Fixture.type(&s, "mdb_sa_sk_secretvalue")
        _ = Fixture.press(&s, .ctrl("w"))
        Fixture.type(&s, "secretvalue")
        let effects = Fixture.press(&s, .enter)
        guard case .addProject(let sub)? = effects.first else { Issue.record("no submission: \(effects)"); return }
        #expect(sub.privateKey == "mdb_sa_sk_secretvalue")
        #expect(!String(describing: sub).contains("secretvalue"))
        #expect(!String(describing: effects).contains("secretvalue"))
        #expect(!String(describing: s.overlay as Any).contains("secretvalue"))
        _ = Update.update(&s, .projectAdded(runID: "run-onb-new"))
        #expect(s.overlay == nil && s.inspector?.runID == "run-onb-new")
    }

    @Test func invalidSubmitFocusesTheFirstBadField() {
        var s = Fixture.state()
        _ = Fixture.press(&s, .char("4"), .char("n"), .tab, .tab)
        #expect(Fixture.press(&s, .enter).isEmpty)
        guard case .form(let f) = s.overlay else { Issue.record("form closed"); return }
        #expect(f.focus == .projectID && f.visibleError(.publicKey) != nil)
        _ = Fixture.press(&s, .escape)
        #expect(s.overlay == nil)
    }

    @Test func inspectorStepsFollowsApprovesAndCancels() {
        var s = GoldenOverlayTests.inspectorState()
        let n = s.inspector!.eventCount
        #expect(s.inspector?.cursor == n && s.inspector?.follow == true)
        _ = Fixture.press(&s, .left, .left)
        #expect(s.inspector?.cursor == n - 2 && s.inspector?.follow == false)
        _ = Fixture.press(&s, .char("f"))
        #expect(s.inspector?.cursor == n && s.inspector?.follow == true)
        #expect(Fixture.press(&s, .char("a")).isEmpty)  // the failed run awaits nothing
        #expect(s.status?.level == .warning)
        #expect(Fixture.press(&s, .char("c")).isEmpty)  // ended: nothing to cancel
        _ = Fixture.press(&s, .escape)
        #expect(s.inspector == nil && s.pane == .runs)
    }

    @Test func stepModeRunApprovesAndCancelConfirms() {
        var s = Fixture.state()
        _ = Fixture.press(&s, .char("3"), .char("/"))
        Fixture.type(&s, "compact")
        _ = Fixture.press(&s, .enter, .enter)
        let run = PreviewRuns.all(now: Fixture.now).first { $0.summary.id == "run-5be811" }!
        _ = Update.update(&s, .runLog(run.log))
        #expect(Fixture.press(&s, .char("a")) == [.approve(runID: "run-5be811")])
        _ = Fixture.press(&s, .char("c"))
        #expect(s.overlay == .confirm(.cancel(runID: "run-5be811")))
        #expect(Fixture.press(&s, .char("n")).isEmpty && s.overlay == nil)
        _ = Fixture.press(&s, .char("c"))
        #expect(Fixture.press(&s, .char("y")) == [.cancel(runID: "run-5be811")])
    }

    @Test func snapshotsKeepSelectionAndReloadTheOpenRun() {
        var s = GoldenOverlayTests.inspectorState()
        var snap = PreviewData.snapshot(namespaceCount: 60)
        snap.version = 9
        let i = snap.runs.firstIndex { $0.id == "run-9c2e04" }!
        snap.runs[i].status = "running"
        #expect(Update.update(&s, .snapshot(snap)).isEmpty)  // no new event: nothing to fetch
        snap.version = 10
        let loaded = s.inspector!.loadedSeq
        snap.runs[i].lastSeq = loaded + 1  // a job event: the phase and the run's status stay the same
        #expect(Update.update(&s, .snapshot(snap)) == [.loadRunLog(runID: "run-9c2e04", after: loaded)])
        snap.version = 11
        #expect(Update.update(&s, .snapshot(snap)).isEmpty)  // already asked for
    }

    @Test func mouseClicksSwitchTabsSortAndSelect() {
        var s = Fixture.state()
        let runsTab = TabsView.tabRanges().first { $0.pane == .runs }!
        _ = Fixture.press(&s, .click(x: runsTab.x + 1, y: 1))
        #expect(s.pane == .runs)
        _ = Fixture.press(&s, .char("1"), .click(x: 0, y: 2))  // a new column sorts ascending
        var (column, ascending) = (s.namespaces.sortColumn, s.namespaces.ascending)
        #expect(column == 0 && ascending)
        _ = Fixture.press(&s, .click(x: 0, y: 2))  // the same column again inverts
        ascending = s.namespaces.ascending
        #expect(!ascending)
        let top = s.namespaces.top
        _ = Fixture.press(&s, .click(x: 5, y: 7))  // body row 4 on screen
        let (cursor, selectedKey) = (s.namespaces.cursor, s.namespaces.selectedKey)
        #expect(cursor == top + 4)
        #expect(selectedKey == NamespacesView.identity(s.namespaces.row(at: top + 4)))
        _ = Fixture.press(&s, .wheelDown)
        let newTop = s.namespaces.top
        #expect(newTop == min(top + 3, s.namespaces.count - s.namespaces.pageHeight))
    }

    @Test func sortMenuAndCopy() {
        var s = Fixture.state()
        _ = Fixture.press(&s, .function(6))
        #expect(s.overlay == .sortMenu(6))
        _ = Fixture.press(&s, .up, .up, .enter)
        #expect(s.namespaces.sortColumn == 4 && s.overlay == nil)
        let effects = Fixture.press(&s, .char("y"))
        #expect(effects == [.copy(s.namespaces.selected!.namespace)])
    }
}
