import DashboardModel

/// Row 0: organisation totals, runs, last sweep. Narrow screens get a shorter wording before anything
/// is cut; failed runs carry a `!` so they stand out without colour.
public enum HeaderView {
    public static func render(into buf: inout ScreenBuffer, _ s: AppState, ctx: RenderContext) {
        let t = ctx.theme
        buf.fill(Rect(x: 0, y: 0, width: buf.width, height: 1), style: t.headerBar)
        // A remote dashboard whose server is gone says so first (never cut); the rest is the last data it had.
        let down = s.snapshot.unreachableSince.map { " ! SERVER UNREACHABLE since " + Formatters.ago($0, now: ctx.now) + " \(t.separator)" } ?? ""
        let variants = (0...2).map { down + text(s, ctx: ctx, level: $0) }
        let chosen = variants.first { DisplayWidth.of($0) <= buf.width } ?? variants[2]
        buf.put(chosen, x: 0, y: 0, style: t.headerBar, ellipsis: t.ellipsis)
    }

    /// Level 0 is the full wording; 1 and 2 drop detail for narrower screens.
    static func text(_ s: AppState, ctx: RenderContext, level: Int) -> String {
        let t = ctx.theme, n = s.totals
        let sep = " \(t.separator) ", dot = " \(t.dot) "
        let projects = Formatters.grouped(s.snapshot.projects.count)
        let clusters = Formatters.grouped(n.clusters)
        let namespaces = Formatters.grouped(s.snapshot.namespaces.count)
        let failed = n.failedRuns > 0 ? "!\(n.failedRuns)" : "0"
        let sweep = "sweep " + Formatters.ago(s.snapshot.lastSweep, now: ctx.now)
        switch level {
        case 1:
            return " \(projects) proj" + dot + "\(clusters) clus" + dot + "\(namespaces) ns" + dot
                + Formatters.bytes(n.storage) + ", " + Formatters.bytes(n.reusable) + " reusable" + sep
                + "runs \(n.activeRuns) act \(failed) fail" + sep + sweep
        case 2:
            return " \(projects) proj" + dot + "\(namespaces) ns" + dot + Formatters.bytes(n.reusable) + " reusable" + sep
                + "runs \(n.activeRuns), \(failed) failed" + sep + sweep
        default: break
        }
        return " GlobeTrotter" + sep + "\(projects) projects" + dot + "\(clusters) clusters" + dot
            + "\(namespaces) namespaces" + dot + "storage " + Formatters.bytes(n.storage) + dot
            + "reusable " + Formatters.bytes(n.reusable) + sep + "runs \(n.activeRuns) active, \(failed) failed" + sep + sweep
    }
}
