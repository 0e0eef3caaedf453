/// Renders the whole screen from the state: a pure function of (state, size) into a buffer.
public enum DashboardScreen {
    public static func render(_ s: AppState) -> ScreenBuffer {
        var buf = ScreenBuffer(width: s.width, height: s.height)
        let ctx = RenderContext(theme: s.theme, now: s.now)
        if s.isTooSmall {
            TooSmallView.render(into: &buf, ctx: ctx)
            return buf
        }
        HeaderView.render(into: &buf, s, ctx: ctx)
        TabsView.render(into: &buf, s, ctx: ctx)
        let body = Rect(x: 0, y: 2, width: s.width, height: s.height - 4)
        if let history = s.history {
            HistoryView.render(into: &buf, history, rect: body, ctx: ctx)
        } else if let ins = s.inspector {
            InspectorView.render(into: &buf, ins, rect: body, ctx: ctx)
        } else {
            switch s.pane {
            case .namespaces: TableView.render(into: &buf, s.namespaces, rect: body, ctx: ctx, empty: NamespacesView.emptyText(s))
            case .freeSpace: FreeSpaceView.render(into: &buf, s, rect: body, ctx: ctx)
            case .runs: TableView.render(into: &buf, s.runs, rect: body, ctx: ctx, empty: "No runs yet.")
            case .projects: TableView.render(into: &buf, s.projects, rect: body, ctx: ctx,
                                             empty: "No projects yet. Press n to add one.")
            }
        }
        StatusLineView.render(into: &buf, s, y: s.height - 2, ctx: ctx)
        FooterView.render(into: &buf, s, y: s.height - 1, ctx: ctx)
        switch s.overlay {
        case .help: HelpView.render(into: &buf, s, ctx: ctx)
        case .form(let form): FormView.render(into: &buf, form, ctx: ctx)
        case .orgImport(let form): OrgImportView.render(into: &buf, form, projects: s.snapshot.projects, ctx: ctx)
        case .confirm(let c): ConfirmView.render(into: &buf, c, ctx: ctx)
        case .sortMenu(let i): SortMenuView.render(into: &buf, columns: Update.currentColumns(s), highlighted: i, ctx: ctx)
        case nil: break
        }
        return buf
    }
}
