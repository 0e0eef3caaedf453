/// Row 1: the numbered tabs, and the current filter with filtered / total counts on the right.
public enum TabsView {
    /// Column ranges of the tabs, for mouse clicks.
    public static func tabRanges() -> [(pane: Pane, x: Int, width: Int)] {
        var x = 0
        return Pane.allCases.map { p in
            let w = DisplayWidth.of(label(p))
            defer { x += w + 1 }
            return (p, x, w)
        }
    }

    static func label(_ p: Pane) -> String { " \(p.number) \(p.title) " }

    public static func pane(atColumn x: Int) -> Pane? {
        tabRanges().first { x >= $0.x && x < $0.x + $0.width }?.pane
    }

    public static func render(into buf: inout ScreenBuffer, _ s: AppState, ctx: RenderContext) {
        let t = ctx.theme
        for (p, x, w) in tabRanges() {
            let active = p == s.pane
            let text = active ? "[\(p.number) \(p.title)]" : label(p)
            buf.put(text, x: x, y: 1, maxWidth: w, style: active ? t.activeTab : .plain)
        }
        let right = rightText(s, ctx: ctx)
        let used = tabRanges().last.map { $0.x + $0.width + 2 } ?? 0
        let w = DisplayWidth.of(right)
        let x = max(used, buf.width - w - 1)
        buf.put(right, x: x, y: 1, maxWidth: buf.width - x, style: s.filterEditing ? t.style(.accent) : .plain,
                ellipsis: t.ellipsis)
    }

    static func rightText(_ s: AppState, ctx: RenderContext) -> String {
        let (filter, shown, total): (String, Int, Int)
        switch s.pane {
        case .namespaces: (filter, shown, total) = (s.namespaces.filter, s.namespaces.count, s.namespaces.total)
        case .freeSpace: (filter, shown, total) = (s.clusters.filter, s.clusters.count, s.clusters.total)
        case .runs: (filter, shown, total) = (s.runs.filter, s.runs.count, s.runs.total)
        case .projects: (filter, shown, total) = (s.projects.filter, s.projects.count, s.projects.total)
        }
        let counts = "\(Formatters.grouped(shown)) / \(Formatters.grouped(total))"
        if s.filterEditing { return "/\(filter)\(ctx.theme.unicode ? "▏" : "_")  \(counts)" }
        if !filter.isEmpty { return "filter \"\(filter)\"  \(counts)" }
        return counts
    }
}
