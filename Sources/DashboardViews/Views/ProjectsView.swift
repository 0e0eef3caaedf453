import DashboardModel

/// The projects table: onboarding state and last sweep; `n` adds one.
public enum ProjectsView {
    static func stateTone(_ s: ProjectState) -> Tone {
        switch s {
        case .ready: return .good
        case .onboarding: return .accent
        case .failed: return .danger
        case .removed, .gone: return .muted
        }
    }

    static func stateText(_ s: ProjectState, unicode: Bool) -> String {
        switch s {
        case .ready: return (unicode ? "✓" : "+") + " ready"
        case .onboarding: return "> onboarding"
        case .failed: return (unicode ? "✗" : "x") + " failed"
        case .removed: return "- removed"
        case .gone: return "- gone"
        }
    }

    public static let columns: [Column<ProjectSummary>] = [
        Column("Project ID", width: 24, priority: 7, sortKey: .text(\.id), text: { p, _ in p.id }),
        Column("Name", width: 14, flex: true, priority: 10, sortKey: .text(\.name), text: { p, _ in p.name }),
        Column("State", width: 12, priority: 9, sortKey: .text(\.state.rawValue),
               text: { p, ctx in stateText(p.state, unicode: ctx.theme.unicode) }, tone: { stateTone($0.state) }),
        Column("Clusters", width: 8, alignment: .right, priority: 6, sortKey: .number { Double($0.clusterCount) },
               text: { p, _ in String(p.clusterCount) }),
        Column("Last sweep", width: 11, priority: 8, sortKey: .number { $0.lastSweep?.timeIntervalSince1970 ?? 0 },
               text: { p, ctx in Formatters.ago(p.lastSweep, now: ctx.now) }),
        Column("Error", width: 24, priority: 5, sortKey: .text { $0.lastError ?? "" }, text: { p, _ in p.lastError ?? "" },
               tone: { $0.lastError == nil ? .normal : .danger }),
    ]

    public static func makeTable() -> TableModel<ProjectSummary> {
        TableModel(columns: columns, sortColumn: 1, ascending: true, identity: \.id,
                   haystack: { "\($0.id) \($0.name) \($0.state.rawValue)" })
    }
}
