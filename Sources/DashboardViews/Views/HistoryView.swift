/// A namespace's history: sparklines of storage and reusable free space over its samples.
public enum HistoryView {
    public static func render(into buf: inout ScreenBuffer, _ h: HistoryState, rect: Rect, ctx: RenderContext) {
        let t = ctx.theme
        let ns = h.namespace
        buf.fill(Rect(x: rect.x, y: rect.y, width: rect.width, height: 1), style: t.columnHeader)
        buf.put(" \(ns.projectName) \(t.dot) \(ns.cluster) \(t.dot) \(ns.namespace)", x: rect.x, y: rect.y,
                style: t.columnHeader, ellipsis: t.ellipsis)
        guard let samples = h.samples else {
            buf.put("Loading history…", x: rect.x, y: rect.y + rect.height / 2, width: rect.width, alignment: .center,
                    style: t.style(.muted))
            return
        }
        let now = [
            "documents \(Formatters.grouped(ns.count))", "data \(Formatters.bytes(ns.size))",
            "storage \(Formatters.bytes(ns.storageSize))", "reusable \(Formatters.bytes(ns.freeStorageSize))",
            "indexes \(ns.nindexes) (\(Formatters.bytes(ns.totalIndexSize)))",
            "growth \(Formatters.growth(ns.growthPerHour, unicode: t.unicode))",
        ].joined(separator: "  ")
        buf.put(" " + now, x: rect.x, y: rect.y + 2, maxWidth: rect.width, ellipsis: t.ellipsis)
        if samples.count < 2 {
            buf.put(" \(samples.count) sample(s) so far; trends appear after the next sweep.", x: rect.x, y: rect.y + 4,
                    style: t.style(.muted))
            return
        }
        let width = rect.width - 16
        let series: [(String, [Double], Tone)] = [
            ("Storage", samples.map { Double($0.storageSize) }, .accent),
            ("Reusable free", samples.map { Double($0.freeStorageSize) }, NamespacesView.freeTone(ns)),
            ("Data size", samples.map { Double($0.size) }, .normal),
            ("Documents", samples.map { Double($0.count) }, .normal),
        ]
        for (i, (label, values, tone)) in series.enumerated() {
            let y = rect.y + 4 + i * 3
            guard y + 1 < rect.maxY else { break }
            buf.put(" " + label, x: rect.x, y: y, width: 15, alignment: .left, style: t.columnHeader)
            buf.put(Sparkline.render(values, width: width, unicode: t.unicode), x: rect.x + 16, y: y, style: t.style(tone))
            let lo = values.min() ?? 0, hi = values.max() ?? 0
            let range = label == "Documents" ? "\(Formatters.count(Int64(lo)))…\(Formatters.count(Int64(hi)))"
                : "\(Formatters.bytes(Int64(lo)))…\(Formatters.bytes(Int64(hi)))"
            buf.put("   min…max " + range + " over \(samples.count) samples", x: rect.x + 16, y: y + 1,
                    style: t.style(.muted), ellipsis: t.ellipsis)
        }
    }
}
