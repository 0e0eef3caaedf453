import DashboardModel
import DashboardViews
import Testing

/// The form (errors, masked key, submit failure) and the run inspector at several events.
@Suite struct GoldenOverlayTests {
    @Test func formWithErrorsAsYouType() {
        var s = Fixture.state()
        _ = Fixture.press(&s, .char("4"), .char("n"))
        Fixture.type(&s, "6650zz")
        _ = Fixture.press(&s, .tab)
        Fixture.type(&s, "ABC")
        _ = Fixture.press(&s, .tab)
        Fixture.type(&s, "not-a-uuid")
        Golden.check("form-errors-80x24", DashboardScreen.render(s))
    }

    @Test func formValidWithMaskedKeyAndSubmitError() {
        var s = Fixture.state(width: 200, height: 60)
        _ = Fixture.press(&s, .char("4"), .char("n"))
        Fixture.type(&s, "dead00000000000000000001")
        _ = Fixture.press(&s, .tab)
        Fixture.type(&s, "abcdefgh")
        _ = Fixture.press(&s, .tab)
        let secret = "0f8fad5b-d9cb-469f-a165-70867728950e"
        Fixture.type(&s, secret)
        let masked = DashboardScreen.render(s)
        #expect(!masked.textDump().contains(secret) && !masked.textDump().contains("0f8fad5b"))
        #expect(masked.textDump().contains(String(repeating: "•", count: secret.count)))
        Golden.check("form-masked-200x60", masked)
        let effects = Fixture.press(&s, .enter)
        #expect(effects.count == 1)
        _ = Update.update(&s, .formFailed("Atlas answered 401 Unauthorized: check the key pair."))
        Golden.check("form-submit-failed-200x60", DashboardScreen.render(s))
    }

    static func inspectorState(width: Int = 80, height: Int = 24) -> AppState {
        var s = Fixture.state(width: width, height: height)
        _ = Fixture.press(&s, .char("3"))
        // Select the failed pipeline run by filtering for its id.
        _ = Fixture.press(&s, .char("/"))
        Fixture.type(&s, "run-9c2e04")
        _ = Fixture.press(&s, .enter)
        let effects = Fixture.press(&s, .enter)
        #expect(effects == [.loadRunLog(runID: "run-9c2e04", after: 0)])
        let run = PreviewRuns.all(now: Fixture.now).first { $0.summary.id == "run-9c2e04" }!
        _ = Update.update(&s, .runLog(run.log))
        return s
    }

    @Test func inspectorAtFirstMiddleAndLastEvent() {
        var s = Self.inspectorState()
        Golden.check("inspector-last-80x24", DashboardScreen.render(s))
        _ = Fixture.press(&s, .home)
        #expect(s.inspector?.cursor == 0)
        Golden.check("inspector-first-80x24", DashboardScreen.render(s))
        _ = Fixture.press(&s, .right, .right, .right, .right, .right, .right, .right)
        #expect(s.inspector?.cursor == 7)
        Golden.check("inspector-middle-80x24", DashboardScreen.render(s))
    }

    @Test func inspectorWideWithRetryConfirmation() {
        var s = Self.inspectorState(width: 200, height: 60)
        _ = Fixture.press(&s, .down, .down)  // extract-orders -> extract-users -> transform (failed)
        let none = Fixture.press(&s, .char("r"))
        #expect(none.isEmpty)
        Golden.check("inspector-confirm-retry-200x60", DashboardScreen.render(s))
        let effects = Fixture.press(&s, .char("y"))
        #expect(effects == [.retry(runID: "run-9c2e04", job: "transform")])
    }
}
