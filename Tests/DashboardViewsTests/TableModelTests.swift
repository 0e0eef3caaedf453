import DashboardModel
import Testing
@testable import DashboardViews

@Suite struct TableModelTests {
    static func table(_ n: Int = 500) -> TableModel<NamespaceStats> {
        var t = NamespacesView.makeTable()
        t.setRows(PreviewData.snapshot(namespaceCount: n).namespaces)
        return t
    }

    @Test func sortsByEveryColumnBothWays() {
        var t = Self.table()
        for c in t.columns.indices {
            t.sort(by: c, ascending: true)
            let rows = (0..<t.count).map(t.row(at:))
            switch t.columns[c].sortKey {
            case .number(let f): #expect(zip(rows, rows.dropFirst()).allSatisfy { f($0) <= f($1) }, "column \(c)")
            case .text(let f): #expect(zip(rows, rows.dropFirst()).allSatisfy { f($0).lowercased() <= f($1).lowercased() })
            }
            t.invertSort()
            #expect(t.row(at: 0) == rows.last)
        }
    }

    @Test func incrementalFilterMatchesAFullScan() {
        var t = Self.table(2_000)
        var typed = ""
        for ch in "orders.it" {
            typed.append(ch)
            t.setFilter(typed)  // narrows the previous result
            let expected = t.rows.filter { "\($0.projectName) \($0.cluster) \($0.db).\($0.collection)".lowercased().contains(typed) }
            #expect(t.count == expected.count, "after \(typed)")
            #expect(Set((0..<t.count).map { NamespacesView.identity(t.row(at: $0)) }) == Set(expected.map(NamespacesView.identity)))
        }
        t.setFilter("ORDERS")  // case-insensitive
        let orders = t.count
        t.setFilter("!orders")  // inverted
        #expect(t.count == t.total - orders)
        t.setFilter("")
        #expect(t.count == t.total)
    }

    @Test func selectionFollowsTheRowAcrossSortsAndSnapshots() {
        var t = Self.table()
        t.setPageHeight(10)
        t.move(by: 37)
        let chosen = t.selected!
        t.sort(by: 3)
        #expect(t.selected == chosen)
        #expect(t.cursor >= t.top && t.cursor < t.top + 10)
        // A new snapshot where the chosen row moved position and changed its numbers.
        var rows = t.rows.reversed() as [NamespaceStats]
        let i = rows.firstIndex(of: chosen)!
        rows[i].count += 1
        t.setRows(rows)
        #expect(NamespacesView.identity(t.selected!) == NamespacesView.identity(chosen))
        // Filtered out: the selection falls back to a visible row.
        t.setFilter("zzz-nothing")
        #expect(t.selected == nil && t.count == 0)
    }

    @Test func pagingAndScrollingStayInBounds() {
        var t = Self.table(100)
        t.setPageHeight(20)
        t.page(by: 100)
        #expect(t.cursor == 99 && t.top == 80)
        t.moveToFirst()
        #expect(t.cursor == 0 && t.top == 0)
        t.scroll(by: 30)
        #expect(t.top == 30 && t.cursor == 30)
        t.scroll(by: 1_000)
        #expect(t.top == 80)
    }

    @Test func columnsHideByPriorityWhenNarrow() {
        let wide = ColumnLayout.place(NamespacesView.columns, width: 200)
        #expect(wide.count == NamespacesView.columns.count)
        let narrow = ColumnLayout.place(NamespacesView.columns, width: 80)
        #expect(!narrow.contains { $0.index == 8 })  // Idx goes first
        #expect(narrow.contains { $0.index == 2 } && narrow.contains { $0.index == 7 })
        #expect(narrow.last.map { $0.x + $0.width } ?? 0 <= 80)
    }

    @Test func searchLowerCasesASCIIAndOtherScripts() {
        let index = SearchIndex(["Prod/ShopDB orders", "ÉTÉ Ärger", "plain"])
        func has(_ row: Int, _ needle: String) -> Bool { index.contains(row: row, needle: Array(needle.lowercased().utf8)) }
        #expect(has(0, "shopdb") && has(0, "SHOPDB") && has(0, "prod/shop"))
        #expect(has(1, "été") && has(1, "ärger") && has(1, "ÉTÉ"))
        #expect(!has(2, "shop") && has(2, ""))
    }

    /// The five namespaces with the most reusable space per cluster, as a plain sort finds them.
    @Test func topCandidatesPerClusterMatchAPlainSort() {
        let all = PreviewData.snapshot(namespaceCount: 3_000).namespaces
        let top = AppState.candidates(all)
        let expected = Dictionary(grouping: all.filter { $0.freeStorageSize > 0 }) { $0.projectID + "/" + $0.cluster }
            .mapValues { Array($0.sorted { $0.freeStorageSize > $1.freeStorageSize }.prefix(5)) }
        #expect(Set(top.keys) == Set(expected.keys) && !top.isEmpty)
        for (key, list) in expected { #expect(top[key]?.map(\.freeStorageSize) == list.map(\.freeStorageSize), "\(key)") }
    }
}
