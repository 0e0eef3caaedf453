import DashboardModel
import Foundation
import Orchestration

/// The runs table: machine, status, current phase, start and duration.
public enum RunsView {
    /// Status with a glyph, so state reads without colour.
    public static func statusText(_ status: String, unicode: Bool) -> String {
        switch status {
        case "running": return "> running"
        case "pending": return "  pending"
        case "awaitingApproval": return "? awaiting approval"
        case "succeeded": return (unicode ? "✓" : "+") + " succeeded"
        case "failed": return (unicode ? "✗" : "x") + " failed"
        case "cancelled": return "- cancelled"
        case "retrying": return "~ retrying"
        case "timedOut": return (unicode ? "✗" : "x") + " timed out"
        case "skipped": return "- skipped"
        default: return "  " + status
        }
    }

    public static func statusTone(_ status: String) -> Tone {
        switch status {
        case "running", "retrying": return .accent
        case "awaitingApproval": return .warn
        case "succeeded": return .good
        case "failed", "timedOut": return .danger
        case "cancelled", "skipped", "pending": return .muted
        default: return .normal
        }
    }

    /// Engine run IDs start with the start time (`r1795479072-c8343e3b`): cut to the column, every run of a day
    /// read `r179547907…`. The tail is what tells runs apart, so a long ID keeps its end; the inspector's
    /// title and `trotter runs list` show it whole.
    public static func displayID(_ id: String, width: Int = 12) -> String {
        id.count <= width ? id : "…" + id.suffix(width - 1)
    }

    public static let columns: [Column<RunSummary>] = [
        Column("Run", width: 12, priority: 8, sortKey: .text(\.id), text: { r, _ in displayID(r.id) }),
        Column("Machine", width: 16, flex: true, priority: 10, sortKey: .text(\.machine),
               text: { r, _ in r.machine + (r.stepMode ? " (step)" : "") }),
        Column("Status", width: 19, priority: 9, sortKey: .text(\.status),
               text: { r, ctx in statusText(r.status, unicode: ctx.theme.unicode) }, tone: { statusTone($0.status) }),
        Column("Phase", width: 14, priority: 6, sortKey: .text { $0.currentPhase ?? "" }, text: { r, _ in r.currentPhase ?? "" }),
        // A run not started yet is the newest: it sorts above every started one instead of under them.
        Column("Started", width: 8, priority: 5,
               sortKey: .number { $0.startedAt?.timeIntervalSince1970 ?? .greatestFiniteMagnitude },
               text: { r, _ in r.startedAt.map(Formatters.clock) ?? "" }),
        Column("Duration", width: 8, alignment: .right, priority: 4,
               sortKey: .number { r in (r.endedAt ?? .distantFuture).timeIntervalSince(r.startedAt ?? .distantPast) },
               text: { r, ctx in
                   guard let start = r.startedAt else { return "" }
                   return Formatters.duration((r.endedAt ?? ctx.now).timeIntervalSince(start))
               }),
    ]

    /// Newest first.
    public static func makeTable() -> TableModel<RunSummary> {
        TableModel(columns: columns, sortColumn: 4, ascending: false, identity: \.id,
                   haystack: { "\($0.id) \($0.machine) \($0.status) \($0.currentPhase ?? "")" })
    }
}
