import DashboardModel

/// Per cluster: disk used/free as a bar, reusable free storage, when the disk will be full and a sparkline of
/// its free space; the selected cluster's top compact candidates and fastest-growing namespaces underneath.
public enum FreeSpaceView {
    /// Disk free below these fractions: warn, then danger.
    public static let warnDiskFree = 0.25
    public static let dangerDiskFree = 0.10

    static func diskTone(_ c: ClusterDisk) -> Tone {
        c.freeFraction < dangerDiskFree ? .danger : c.freeFraction < warnDiskFree ? .warn : .normal
    }

    /// The manager judged the forecast against its limits (yellow under 14 days, red under 3 by default).
    static func fullInTone(_ c: ClusterDisk) -> Tone {
        switch c.fullInLevel {
        case .critical: return .danger
        case .warning: return .warn
        case .normal: return .normal
        }
    }

    static func fullInText(_ c: ClusterDisk, unicode: Bool) -> String {
        let mark = fullInTone(c) == .danger ? "!!" : fullInTone(c) == .warn ? "!" : ""
        let text = DiskForecast.format(c.fullInSeconds)
        return mark + (unicode || text != "—" ? text : "-")
    }

    static func diskMark(_ c: ClusterDisk) -> String {
        c.freeFraction < dangerDiskFree ? "!!" : c.freeFraction < warnDiskFree ? "!" : ""
    }

    public static let columns: [Column<ClusterDisk>] = [
        Column("Project", width: 12, priority: 7, sortKey: .text(\.projectName), text: { c, _ in c.projectName }),
        Column("Cluster", width: 14, priority: 10, sortKey: .text(\.cluster), text: { c, _ in c.cluster }),
        Column("Disk used", width: 12, flex: true, priority: 6,
               sortKey: .number { $0.diskTotalBytes > 0 ? Double($0.diskUsedBytes) / Double($0.diskTotalBytes) : 0 },
               text: { _, _ in "" }, tone: diskTone,
               bar: { $0.diskTotalBytes > 0 ? Double($0.diskUsedBytes) / Double($0.diskTotalBytes) : 0 }),
        Column("Used", width: 9, alignment: .right, priority: 5, sortKey: .number { Double($0.diskUsedBytes) },
               text: { c, _ in Formatters.bytes(c.diskUsedBytes) }),
        Column("Disk free", width: 9, alignment: .right, priority: 8, sortKey: .number { Double($0.diskFreeBytes) },
               text: { c, _ in Formatters.bytes(c.diskFreeBytes) }, tone: diskTone),
        Column("Free %", width: 8, alignment: .right, priority: 8, sortKey: .number(\.freeFraction),
               text: { c, _ in diskMark(c) + Formatters.percent(c.freeFraction) }, tone: diskTone),
        Column("Reusable", width: 9, alignment: .right, priority: 9, sortKey: .number { Double($0.reusableFreeBytes) },
               text: { c, _ in Formatters.bytes(c.reusableFreeBytes) }, tone: { _ in .accent }),
        Column("Full in", width: 8, alignment: .right, priority: 8, sortKey: .number { $0.fullInSeconds ?? .greatestFiniteMagnitude },
               text: { c, ctx in fullInText(c, unicode: ctx.theme.unicode) }, tone: fullInTone),
        Column("Free, 24 h", width: 12, priority: 4, sortKey: .number { Double($0.diskFreeBytes) },
               text: { c, ctx in Sparkline.render(c.freeHistory.map(Double.init), width: 12, unicode: ctx.theme.unicode) }),
    ]

    /// Most reusable space first.
    public static func makeTable() -> TableModel<ClusterDisk> {
        TableModel(columns: columns, sortColumn: 6, ascending: false, identity: { "\($0.projectID)/\($0.cluster)" },
                   haystack: { "\($0.projectName) \($0.cluster)" })
    }

    /// Rows reserved under the table for the compact candidates (title + up to 5).
    public static func candidateRows(height: Int) -> Int { height >= 40 ? 6 : 4 }

    public static func render(into buf: inout ScreenBuffer, _ s: AppState, rect: Rect, ctx: RenderContext) {
        let t = ctx.theme
        let extra = candidateRows(height: s.height)
        let tableRect = Rect(x: rect.x, y: rect.y, width: rect.width, height: rect.height - extra - 1)
        TableView.render(into: &buf, s.clusters, rect: tableRect, ctx: ctx, empty: "No cluster disks sampled yet.")
        let y0 = tableRect.maxY
        let rule = String(repeating: t.unicode ? "─" : "-", count: rect.width)
        buf.put(rule, x: rect.x, y: y0, style: t.border)
        guard let c = s.clusters.selected else { return }
        let list = s.topCandidates["\(c.projectID)/\(c.cluster)"] ?? []
        buf.put(" Top compact candidates on \(c.cluster) (\(c.projectName)) ", x: rect.x + 2, y: y0, style: t.columnHeader,
                ellipsis: t.ellipsis)
        if list.isEmpty {
            buf.put("  No collection has reusable free storage.", x: rect.x, y: y0 + 1, style: t.style(.muted))
        }
        // The last row: what fills this disk fastest.
        let growing = s.topGrowth["\(c.projectID)/\(c.cluster)"] ?? []
        let growth = growing.isEmpty ? "Growing fastest: none growing" : "Growing fastest: " + growing.map {
            "\($0.namespace) \(Formatters.growth($0.growthPerHour, unicode: t.unicode))"
        }.joined(separator: ", ")
        buf.put("  " + growth, x: rect.x, y: y0 + extra, maxWidth: rect.width, style: t.style(.muted), ellipsis: t.ellipsis)
        for (i, ns) in list.prefix(extra - 1).enumerated() {
            let line = Formatters.bytes(ns.freeStorageSize) + " reusable of " + Formatters.bytes(ns.storageSize)
                + " (" + NamespacesView.freeMark(ns) + Formatters.percent(ns.freeFraction) + ")"
            let nameWidth = max(10, rect.width - 44)
            buf.put("  " + ns.namespace, x: rect.x, y: y0 + 1 + i, width: nameWidth, alignment: .left, ellipsis: t.ellipsis)
            buf.put(line, x: rect.x + nameWidth + 1, y: y0 + 1 + i, style: t.style(NamespacesView.freeTone(ns)), ellipsis: t.ellipsis)
        }
    }
}
