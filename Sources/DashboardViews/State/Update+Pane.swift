import DashboardModel

/// Keys of the panes themselves: switching, sorting, navigating, opening.
extension Update {
    static func paneKey(_ s: inout AppState, _ key: Key) -> [Effect] {
        switch key {
        case .char("q"), .function(10): return [.quit]
        case .char("?"), .function(1): s.overlay = .help; s.helpScroll = 0
        case .char(let c) where ("1"..."4").contains(c):
            switchPane(&s, to: Pane(rawValue: Int(String(c))! - 1)!)
        case .tab: switchPane(&s, to: s.pane.shifted(by: 1))
        case .backTab: switchPane(&s, to: s.pane.shifted(by: -1))
        case .char("/"):
            s.filterEditing = true
        case .escape:
            if !currentFilter(s).isEmpty { withTable(&s, .setFilter("")) }
        case .ctrl("r"):
            s.status = StatusMessage(.info, "Sweep requested…")
            return [.refresh]
        case .char("<"): withTable(&s, .moveSort(-1))
        case .char(">"): withTable(&s, .moveSort(1))
        case .char("I"): withTable(&s, .invertSort)
        case .function(6): s.overlay = .sortMenu(currentSortColumn(s))
        case .left, .char("h"): withTable(&s, .scrollColumns(-1))
        case .right, .char("l"): withTable(&s, .scrollColumns(1))
        case .char("y"):
            if let value = selectedValue(s) {
                s.status = StatusMessage(.info, "Copied \(value)")
                return [.copy(value)]
            }
        case .char("n") where s.pane == .projects:
            s.overlay = .form(ProjectForm())
        case .char("N") where s.pane == .projects:
            s.overlay = .orgImport(OrgImportForm())
        case .enter: return open(&s)
        case .click(let x, let y): return click(&s, x: x, y: y)
        default: return navigate(&s, key)
        }
        return []
    }

    static func switchPane(_ s: inout AppState, to pane: Pane) {
        s.pane = pane
        s.inspector = nil
        s.history = nil
    }

    /// Movement keys shared by every table.
    static func navigate(_ s: inout AppState, _ key: Key) -> [Effect] {
        switch key {
        case .up, .char("k"): withTable(&s, .move(-1))
        case .down, .char("j"): withTable(&s, .move(1))
        case .pageUp, .ctrl("b"): withTable(&s, .page(-1))
        case .pageDown, .ctrl("f"): withTable(&s, .page(1))
        case .home, .char("g"): withTable(&s, .first)
        case .end, .char("G"): withTable(&s, .last)
        case .wheelUp: withTable(&s, .scroll(-3))
        case .wheelDown: withTable(&s, .scroll(3))
        default: break
        }
        return []
    }

    /// Enter: drill into the selected row.
    static func open(_ s: inout AppState) -> [Effect] {
        switch s.pane {
        case .namespaces:
            guard let ns = s.namespaces.selected else { return [] }
            s.history = HistoryState(namespace: ns)
            return [.loadHistory(projectID: ns.projectID, cluster: ns.cluster, db: ns.db, collection: ns.collection)]
        case .runs:
            guard let run = s.runs.selected else { return [] }
            return openInspector(&s, runID: run.id)
        case .projects:
            guard let p = s.projects.selected else { return [] }
            guard let runID = p.onboardingRunID else {
                s.status = StatusMessage(.warning, "Project \(p.name) has no onboarding run.")
                return []
            }
            return openInspector(&s, runID: runID)
        case .freeSpace:
            return []
        }
    }

    /// Opens the inspector on a run and asks for its log.
    static func openInspector(_ s: inout AppState, runID: String) -> [Effect] {
        var ins = InspectorState(runID: runID)
        _ = ins.needsEvents(upTo: s.snapshot.runs.first { $0.id == runID }?.lastSeq ?? 0)
        s.inspector = ins
        return [ins.loadEffect]
    }

    /// A click on a tab switches pane; on a column title sorts (again: inverts); on a row selects it.
    static func click(_ s: inout AppState, x: Int, y: Int) -> [Effect] {
        if y == 1 {
            if let pane = TabsView.pane(atColumn: x) { switchPane(&s, to: pane) }
            return []
        }
        guard s.inspector == nil, s.history == nil else { return [] }
        if y == 2 {
            let placed = placedColumns(s)
            if let col = placed.first(where: { x >= $0.x && x < $0.x + $0.width + 1 }) {
                if col.index == currentSortColumn(s) { withTable(&s, .invertSort) }
                else { withTable(&s, .sortAscending(col.index)) }
            }
            return []
        }
        let bodyRow = y - 3
        guard bodyRow >= 0, bodyRow < s.tableBodyHeight else { return [] }
        withTable(&s, .selectOnScreen(bodyRow))
        return []
    }

    static func selectedValue(_ s: AppState) -> String? {
        switch s.pane {
        case .namespaces: return s.namespaces.selected?.namespace
        case .freeSpace: return s.clusters.selected?.cluster
        case .runs: return s.runs.selected?.id
        case .projects: return s.projects.selected?.id
        }
    }

    // MARK: per-pane table access (the four tables have different row types)

    static func withTable(_ s: inout AppState, _ op: TableOp) {
        switch s.pane {
        case .namespaces: op.apply(to: &s.namespaces)
        case .freeSpace: op.apply(to: &s.clusters)
        case .runs: op.apply(to: &s.runs)
        case .projects: op.apply(to: &s.projects)
        }
    }

    static func currentFilter(_ s: AppState) -> String {
        switch s.pane {
        case .namespaces: return s.namespaces.filter
        case .freeSpace: return s.clusters.filter
        case .runs: return s.runs.filter
        case .projects: return s.projects.filter
        }
    }

    static func currentSortColumn(_ s: AppState) -> Int {
        switch s.pane {
        case .namespaces: return s.namespaces.sortColumn
        case .freeSpace: return s.clusters.sortColumn
        case .runs: return s.runs.sortColumn
        case .projects: return s.projects.sortColumn
        }
    }

    static func currentColumns(_ s: AppState) -> [String] {
        switch s.pane {
        case .namespaces: return s.namespaces.columns.map(\.title)
        case .freeSpace: return s.clusters.columns.map(\.title)
        case .runs: return s.runs.columns.map(\.title)
        case .projects: return s.projects.columns.map(\.title)
        }
    }

    static func placedColumns(_ s: AppState) -> [PlacedColumn] {
        switch s.pane {
        case .namespaces: return ColumnLayout.place(s.namespaces.columns, width: s.width, offset: s.namespaces.columnOffset)
        case .freeSpace: return ColumnLayout.place(s.clusters.columns, width: s.width, offset: s.clusters.columnOffset)
        case .runs: return ColumnLayout.place(s.runs.columns, width: s.width, offset: s.runs.columnOffset)
        case .projects: return ColumnLayout.place(s.projects.columns, width: s.width, offset: s.projects.columnOffset)
        }
    }
}
