import DashboardModel
import Foundation
import Testing
@testable import DashboardViews

/// Snapshots prepared off the UI thread and swapped in read exactly as snapshots applied in place, also when the
/// operator re-sorted or filtered while one was being prepared.
@Suite struct PreparedSnapshotTests {
    static func changed(_ snap: DashboardSnapshot, version: Int) -> DashboardSnapshot {
        var next = snap
        next.version = version
        for i in stride(from: 0, to: next.namespaces.count, by: 7) { next.namespaces[i].storageSize += 1_000_000 }
        next.namespaces.removeLast(3)
        return next
    }

    /// The operator re-sorts and filters.
    static func change(_ s: inout AppState, _ sortKeys: [Key], _ filter: String) {
        for key in sortKeys { _ = Update.update(&s, .key(key)) }
        _ = Fixture.press(&s, .char("/"))
        Fixture.type(&s, filter)
        _ = Fixture.press(&s, .enter)
    }

    @Test func aSwappedInSnapshotReadsAsOneAppliedInPlace() {
        let first = PreviewData.snapshot(namespaceCount: 400)
        let second = Self.changed(first, version: 2)
        for (sortKeys, filter) in [([Key](), ""), ([.char("<")], "orders"), ([.char("<"), .char("I")], "!logs")] {
            var inPlace = Fixture.state(namespaces: 400)
            _ = Fixture.press(&inPlace, .down, .down, .down)
            var swapped = inPlace
            // Prepared for the settings before the operator changed them: the swap recomputes what they affect.
            let prepared = PreparedSnapshot.make(second, previous: first, settings: swapped.namespaces.settings)
            Self.change(&inPlace, sortKeys, filter)
            Self.change(&swapped, sortKeys, filter)
            _ = Update.update(&inPlace, .snapshot(second))
            _ = Update.update(&swapped, .prepared(prepared))
            #expect(swapped.namespaces.visible == inPlace.namespaces.visible, "\(sortKeys) \(filter)")
            #expect(swapped.namespaces.selectedKey == inPlace.namespaces.selectedKey)
            #expect(swapped.totals == inPlace.totals && swapped.topCandidates == inPlace.topCandidates)
            #expect(DashboardScreen.render(swapped).textDump() == DashboardScreen.render(inPlace).textDump())
            // The swap handed back what it replaced, to be freed off the UI thread.
            #expect(swapped.takeRetired().count == 1 && swapped.takeRetired().isEmpty)
        }
    }

    @Test func unchangedNamespacesAreNotRebuilt() {
        let first = PreviewData.snapshot(namespaceCount: 100)
        var second = first
        second.version = 2
        second.lastSweep = Date()
        let p = PreparedSnapshot.make(second, previous: first, settings: NamespacesView.makeTable().settings)
        #expect(p.namespaces == nil)
        var s = Fixture.state(namespaces: 100)
        let before = s.namespaces.visible
        _ = Update.update(&s, .prepared(p))
        #expect(s.namespaces.visible == before && s.snapshot.version == 2)
    }
}
