import DashboardModel

/// Row 0: organisation totals, runs, last sweep and the newest error.
public enum HeaderView {
    public static func render(into buf: inout ScreenBuffer, _ s: AppState, ctx: RenderContext) {
        let t = ctx.theme
        let snap = s.snapshot
        let totals = s.totals
        let (storage, reusable, clusters) = (totals.storage, totals.reusable, totals.clusters)
        let (active, failed) = (totals.activeRuns, totals.failedRuns)
        let sep = " \(t.separator) "
        var text = " GlobeTrotter" + sep
        text += "\(Formatters.grouped(snap.projects.count)) projects \(t.dot) \(Formatters.grouped(clusters)) clusters"
        text += " \(t.dot) \(Formatters.grouped(snap.namespaces.count)) namespaces \(t.dot) storage \(Formatters.bytes(storage))"
        text += " \(t.dot) reusable \(Formatters.bytes(reusable))" + sep
        text += "runs \(active) active, \(failed) failed" + sep
        text += "sweep " + Formatters.ago(snap.lastSweep, now: ctx.now)
        buf.fill(Rect(x: 0, y: 0, width: buf.width, height: 1), style: t.headerBar)
        buf.put(text, x: 0, y: 0, style: t.headerBar, ellipsis: t.ellipsis)
        if failed > 0 || snap.lastError != nil {
            // The one non-colour mark a monochrome header can carry.
            buf.put("!", x: buf.width - 1, y: 0, style: t.headerBar)
        }
    }
}
