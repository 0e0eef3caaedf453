import Testing
@testable import DashboardViews

@Suite struct TextTests {
    @Test func displayWidthOfScripts() {
        #expect(DisplayWidth.of("abc") == 3)
        #expect(DisplayWidth.of("東京") == 4)
        #expect(DisplayWidth.of("カタログ") == 8)
        #expect(DisplayWidth.of("한국") == 4)
        #expect(DisplayWidth.of("🚀") == 2)
        #expect(DisplayWidth.of("e\u{301}") == 1)          // combining acute
        #expect(DisplayWidth.of("⚠\u{FE0F}") == 2)         // VS16 makes it an emoji
        #expect(DisplayWidth.of("👩‍💻") == 2)              // ZWJ sequence
        #expect(DisplayWidth.of("│─…•") == 4)
        #expect(DisplayWidth.of("ｆｕｌｌ") == 8)            // fullwidth forms
    }

    @Test func cutByDisplayWidthWithEllipsis() {
        #expect(TextFit.cut("namespace", to: 5).text == "name…")
        #expect(TextFit.cut("short", to: 5).text == "short")
        // "東京" is 4 columns: at 4 it fits; at 3 only "東" + ellipsis.
        #expect(TextFit.cut("東京", to: 4).text == "東京")
        #expect(TextFit.cut("東京", to: 3) == ("東…", 3))
        // A wide glyph that would straddle the edge is dropped; the width says what is used.
        #expect(TextFit.cut("a東京", to: 3) == ("a…", 2))
        #expect(TextFit.fit("東", width: 4, alignment: .right) == "  東")
        #expect(TextFit.fit("abcdef", width: 4, ellipsis: "~") == "abc~")
    }

    @Test func screenBufferKeepsWideCellsConsistent() {
        var b = ScreenBuffer(width: 6, height: 1)
        b.put("東京x", x: 0, y: 0)
        #expect(b.textDump() == "東京x\n")
        #expect(b[1, 0].isContinuation && b[3, 0].isContinuation)
        b.put("a", x: 1, y: 0)  // overwriting half of 東 blanks the other half
        #expect(b.textDump() == " a京x\n")
        var c = ScreenBuffer(width: 3, height: 1)
        c.put("ab東", x: 0, y: 0, maxWidth: 3)  // would straddle the edge
        #expect(c.textDump() == "ab…\n")
        c.put("xyz", x: -1, y: 5)  // off-screen: clipped, no crash
    }

    @Test func diffWritesOnlyChangedCells() {
        var a = ScreenBuffer(width: 10, height: 3)
        a.put("hello", x: 0, y: 1)
        #expect(BufferDiff.changes(from: a, to: a).isEmpty)
        var b = a
        b.put("J", x: 0, y: 1)
        #expect(BufferDiff.changes(from: a, to: b).map { [$0.x, $0.y] } == [[0, 1]])
        var c = a
        c.put("東", x: 6, y: 2)
        let changes = BufferDiff.changes(from: a, to: c)
        #expect(changes.count == 1 && changes[0].x == 6 && changes[0].cell.width == 2)
        #expect(BufferDiff.changes(from: nil, to: a).count == 30)
        #expect(BufferDiff.changes(from: ScreenBuffer(width: 5, height: 3), to: a).count == 30)
    }

    @Test func formatting() {
        #expect(Formatters.grouped(1_234_567) == "1,234,567")
        #expect(Formatters.grouped(-1_000) == "-1,000")
        #expect(Formatters.count(12_345_678) == "12.3M")
        #expect(Formatters.bytes(512) == "512 B")
        #expect(Formatters.bytes(1_536) == "1.50 KiB")
        #expect(Formatters.bytes(12_900_000) == "12.3 MiB")
        #expect(Formatters.bytes(200 * 1_073_741_824) == "200 GiB")
        #expect(Formatters.percent(0.375) == "37.5%")
        #expect(Formatters.duration(185) == "3m05s")
        #expect(Formatters.duration(7_620) == "2h07m")
        #expect(Formatters.growth(nil) == "—" && Formatters.growth(nil, unicode: false) == "-")
        #expect(Formatters.growth(1_048_576) == "+1.00 MiB/h")
        #expect(Formatters.ago(PreviewData.epoch.addingTimeInterval(-90), now: PreviewData.epoch) == "1 min ago")
        #expect(Formatters.clock(PreviewData.epoch) == "12:00:00")
        #expect(Sparkline.render([1, 2, 3, 4, 5, 6, 7, 8], width: 8) == "▁▂▃▄▅▆▇█")
        #expect(Sparkline.render([5, 5, 5], width: 2) == "▁▁")
    }

    @Test func longRunIDsKeepTheirDistinguishingEnd() {
        #expect(RunsView.displayID("run-9c2e04") == "run-9c2e04")
        #expect(RunsView.displayID("r1795479072-c8343e3b") == "…72-c8343e3b")
        #expect(RunsView.displayID("r1795479072-c8343e3b") != RunsView.displayID("r1795479072-1a238709"))
        #expect(DisplayWidth.of(RunsView.displayID("r1795479072-c8343e3b")) == 12)
    }
}
