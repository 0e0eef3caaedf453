import DashboardModel

/// The org-wide namespace table: one row per db.collection on every cluster of every project.
public enum NamespacesView {
    /// Free-space thresholds (fraction of storage reusable by compact): warn, then danger.
    public static let warnFree = 0.2
    public static let dangerFree = 0.5

    public static func identity(_ n: NamespaceStats) -> String { "\(n.projectID)/\(n.cluster)/\(n.db).\(n.collection)" }

    static func freeTone(_ n: NamespaceStats) -> Tone {
        n.freeFraction >= dangerFree ? .danger : n.freeFraction >= warnFree ? .warn : .normal
    }

    /// The non-colour mark that goes with the tone.
    static func freeMark(_ n: NamespaceStats) -> String {
        n.freeFraction >= dangerFree ? "!!" : n.freeFraction >= warnFree ? "!" : ""
    }

    public static let columns: [Column<NamespaceStats>] = [
        Column("Project", width: 12, priority: 6, sortKey: .text(\.projectName), text: { n, _ in n.projectName }),
        Column("Cluster", width: 12, priority: 7, sortKey: .text(\.cluster), text: { n, _ in n.cluster }),
        Column("Namespace", width: 16, flex: true, priority: 10, sortKey: .text(\.namespace), text: { n, _ in n.namespace }),
        Column("Docs", width: 9, alignment: .right, priority: 5, sortKey: .number { Double($0.count) },
               text: { n, _ in Formatters.count(n.count) }),
        Column("Data", width: 9, alignment: .right, priority: 3, sortKey: .number { Double($0.size) },
               text: { n, _ in Formatters.bytes(n.size) }),
        Column("Storage", width: 9, alignment: .right, priority: 8, sortKey: .number { Double($0.storageSize) },
               text: { n, _ in Formatters.bytes(n.storageSize) }),
        Column("Free", width: 9, alignment: .right, priority: 9, sortKey: .number { Double($0.freeStorageSize) },
               text: { n, _ in Formatters.bytes(n.freeStorageSize) }, tone: freeTone),
        Column("Free %", width: 8, alignment: .right, priority: 9, sortKey: .number(\.freeFraction),
               text: { n, _ in freeMark(n) + Formatters.percent(n.freeFraction) }, tone: freeTone),
        Column("Idx", width: 3, alignment: .right, priority: 1, sortKey: .number { Double($0.nindexes) },
               text: { n, _ in String(n.nindexes) }),
        Column("Growth", width: 11, alignment: .right, priority: 2, sortKey: .number { $0.growthPerHour ?? -.infinity },
               text: { n, ctx in Formatters.growth(n.growthPerHour, unicode: ctx.theme.unicode) },
               tone: { n in (n.growthPerHour ?? 0) > 1_073_741_824 ? .warn : .normal }),
    ]

    /// Default: most reusable free storage first — what an operator looks for.
    public static func makeTable() -> TableModel<NamespaceStats> {
        TableModel(columns: columns, sortColumn: 6, ascending: false, identity: identity,
                   haystack: { "\($0.projectName) \($0.cluster) \($0.db).\($0.collection)" })
    }

    static func emptyText(_ s: AppState) -> String {
        if !s.namespaces.filter.isEmpty { return "No namespace matches \"\(s.namespaces.filter)\". Esc clears the filter." }
        if s.snapshot.projects.isEmpty { return "No projects yet: press 4 then n to add one." }
        return "No namespaces sampled yet; the first sweep fills this table."
    }
}
