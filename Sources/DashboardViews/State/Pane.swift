/// The four panes, numbered as on the tab row.
public enum Pane: Int, CaseIterable, Sendable, Hashable {
    case namespaces, freeSpace, runs, projects

    public var title: String {
        switch self {
        case .namespaces: return "Namespaces"
        case .freeSpace: return "Free space"
        case .runs: return "Runs"
        case .projects: return "Projects"
        }
    }

    public var number: Int { rawValue + 1 }

    /// The pane `delta` steps away, wrapping around (Tab / Shift-Tab).
    public func shifted(by delta: Int) -> Pane {
        let n = Pane.allCases.count
        return Pane(rawValue: ((rawValue + delta) % n + n) % n)!
    }
}

/// A confirmation for a destructive action (k9s confirms them).
public enum Confirmation: Sendable, Hashable {
    case retry(runID: String, job: String)
    case cancel(runID: String)

    public var prompt: String {
        switch self {
        case .retry(_, let job): return "Retry job \(job)? (y/n)"
        case .cancel(let run): return "Cancel run \(run)? (y/n)"
        }
    }
}

/// An overlay on top of the panes; `Esc` closes it.
public enum Overlay: Sendable, Hashable {
    case help
    case form(ProjectForm)
    /// `N`: the organisation import (keys, checklist, progress).
    case orgImport(OrgImportForm)
    case confirm(Confirmation)
    /// F6: the sort-by menu with the highlighted column.
    case sortMenu(Int)
}
