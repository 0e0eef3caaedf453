import DashboardModel
import DashboardViews
import Testing

/// Every pane at 80×24 and 200×60, plus sorted, filtered, empty, error, wide-character, too-small and
/// NO_COLOR states.
@Suite struct GoldenPaneTests {
    static let sizes = [(80, 24), (200, 60)]

    @Test(arguments: Pane.allCases)
    func paneAtBothSizes(_ pane: Pane) {
        for (w, h) in Self.sizes {
            var s = Fixture.state(width: w, height: h)
            _ = Fixture.press(&s, .char(Character(String(pane.number))))
            Golden.check("pane-\(pane.number)-\(w)x\(h)", DashboardScreen.render(s))
        }
    }

    @Test func namespacesSortedByDocumentsAscending() {
        var s = Fixture.state()
        _ = Fixture.press(&s, .char("<"), .char("<"), .char("<"))
        let (column, descending) = (s.namespaces.sortColumn, !s.namespaces.ascending)
        #expect(column == 3 && descending)  // `<` moves the column and keeps the direction
        _ = Fixture.press(&s, .char("I"))
        let ascending = s.namespaces.ascending
        #expect(ascending)
        Golden.check("namespaces-sorted-docs-asc", DashboardScreen.render(s))
    }

    @Test func namespacesFilteredWhileTyping() {
        var s = Fixture.state()
        _ = Fixture.press(&s, .char("/"))
        Fixture.type(&s, "orders")
        Golden.check("namespaces-filter-typing", DashboardScreen.render(s))
    }

    @Test func wideCharacterNamesAlign() {
        var s = Fixture.state(width: 100, height: 24)
        _ = Fixture.press(&s, .char("/"))
        Fixture.type(&s, "東京")
        _ = Fixture.press(&s, .enter)
        Golden.check("namespaces-cjk-100x24", DashboardScreen.render(s))
        var e = Fixture.state(width: 100, height: 24)
        _ = Fixture.press(&e, .char("/"))
        Fixture.type(&e, "🚀")
        _ = Fixture.press(&e, .enter)
        Golden.check("namespaces-emoji-100x24", DashboardScreen.render(e))
    }

    @Test func filterWithNoMatchShowsHowToClear() {
        var s = Fixture.state()
        _ = Fixture.press(&s, .char("/"))
        Fixture.type(&s, "zzz-nothing")
        _ = Fixture.press(&s, .enter)
        Golden.check("namespaces-filter-empty", DashboardScreen.render(s))
    }

    @Test func emptyOrganisation() {
        var s = AppState(width: 80, height: 24, now: Fixture.now)
        _ = Update.update(&s, .snapshot(.empty))
        Golden.check("empty-namespaces", DashboardScreen.render(s))
        _ = Fixture.press(&s, .char("4"))
        Golden.check("empty-projects", DashboardScreen.render(s))
    }

    @Test func errorFromTheManagerShowsInTheStatusLine() {
        var s = Fixture.state()
        var snap = PreviewData.snapshot(namespaceCount: 60)
        snap.version = 2
        snap.lastError = "Sweep of prod-eu failed: Atlas answered 429 Too Many Requests. It retries in 60 s."
        snap.projects[1].state = .failed
        snap.projects[1].lastError = "429 rate limited"
        _ = Update.update(&s, .snapshot(snap))
        Golden.check("error-status-line", DashboardScreen.render(s))
        _ = Fixture.press(&s, .char("4"))
        Golden.check("error-projects", DashboardScreen.render(s))
    }

    @Test func tooSmallScreen() {
        var s = Fixture.state(width: 79, height: 24)
        Golden.check("too-small-79x24", DashboardScreen.render(s))
        _ = Update.update(&s, .resize(width: 60, height: 15))
        Golden.check("too-small-60x15", DashboardScreen.render(s))
    }

    @Test func noColorKeepsMarksAndDropsColours() {
        let s = Fixture.state(theme: .monochrome)
        let buffer = DashboardScreen.render(s)
        Golden.check("no-color-namespaces", buffer)
        #expect(!buffer.cells.contains { $0.style.fg != .default || $0.style.bg != .default })
        #expect(buffer.textDump().contains("!!"))  // the danger mark survives without colour
    }

    @Test func asciiOnlyTerminal() {
        let s = Fixture.state(theme: Theme(color: false, unicode: false))
        let text = DashboardScreen.render(s).textDump()
        #expect(!text.contains("▼") && text.contains("v"))
        Golden.check("ascii-namespaces", DashboardScreen.render(s))
    }

    @Test func helpOverlayAndHistory() {
        var s = Fixture.state()
        _ = Fixture.press(&s, .char("?"))
        Golden.check("help-namespaces", DashboardScreen.render(s))
        _ = Fixture.press(&s, .escape)
        let effects = Fixture.press(&s, .enter)
        guard case .loadHistory(let p, let c, let db, let coll)? = effects.first else {
            Issue.record("Enter should load the history, got \(effects)"); return
        }
        let samples = (0..<24).map { (h: Int) -> NamespaceSample in
            let at = Fixture.now.addingTimeInterval(Double(h - 24) * 3600)
            let free = Int64(100_000 + (h % 5) * 30_000)
            return NamespaceSample(at: at, count: Int64(1000 + h * 10), size: Int64(1_000_000 + h * 50_000),
                                   storageSize: Int64(500_000 + h * 20_000), freeStorageSize: free, totalIndexSize: 10_000)
        }
        _ = Update.update(&s, .history(namespaceKey: "\(p)/\(c)/\(db).\(coll)", samples: samples))
        Golden.check("history-80x24", DashboardScreen.render(s))
    }
}
