/// The keys that work in each context: the footer shows the short list, the help overlay every key.
public enum KeyHelp {
    public struct Group: Sendable {
        public var title: String
        public var keys: [(key: String, action: String)]
    }

    public static func footer(_ s: AppState) -> [(String, String)] {
        if case .form = s.overlay { return [("Tab", "Next field"), ("Enter", "Submit"), ("Esc", "Cancel"), ("^U", "Clear")] }
        if case .confirm = s.overlay { return [("y", "Yes"), ("n", "No")] }
        if case .orgImport(let f) = s.overlay { return OrgImportView.footer(f) }
        if case .sortMenu = s.overlay { return [("↑↓", "Column"), ("Enter", "Sort"), ("Esc", "Close")] }
        if s.overlay == .help {
            return HelpView.maxScroll(s) > 0 ? [("↑↓", "Scroll"), ("Esc", "Close help")] : [("Esc", "Close help")]
        }
        if s.filterEditing { return [("Enter", "Keep filter"), ("Esc", "Clear"), ("!", "Invert"), ("^U", "Erase")] }
        if s.history != nil { return [("Esc", "Back"), ("q", "Back")] }
        if let ins = s.inspector {
            if ins.prompt != nil { return [("Enter", "Go"), ("Esc", "Cancel"), ("^U", "Clear")] }
            return [("←→", "Step"), ("t", "Timeline"), ("w", "Why"), ("g", "Go to"), ("b", "Break"), ("n/N", "Next/prev"),
                    ("f", "Follow"), ("a", "Approve"), ("r", "Retry"), ("c", "Cancel"), ("Esc", "Back")]
        }
        var keys: [(String, String)] = [("?", "Help"), ("/", "Filter"), ("<>", "Sort"), ("I", "Invert")]
        switch s.pane {
        case .namespaces: keys.append(("Enter", "History"))
        case .runs: keys.append(("Enter", "Inspect"))
        case .projects: keys += [("n", "New"), ("N", "Import org"), ("Enter", "Onboarding")]
        case .freeSpace: break
        }
        keys += [("Tab", "Pane"), ("q", "Quit")]
        return keys
    }

    /// The pane's own keys first (on a short terminal they are the ones in view), then the common ones.
    public static func groups(for pane: Pane, inspector: Bool) -> [Group] {
        var common = [
            Group(title: "Everywhere", keys: [
                ("? F1", "this help"), ("q F10", "quit (close a sub-view)"), ("Ctrl-C", "quit from anywhere"),
                ("Esc", "back: close overlay, cancel form, clear filter"), ("1-4 Tab S-Tab", "switch pane"),
                ("Ctrl-R", "sweep now"), ("Ctrl-L", "repaint the screen"),
            ]),
            Group(title: "Tables", keys: [
                ("↑↓ j k", "move"), ("PgUp PgDn ^B ^F", "page"), ("Home End g G", "first / last row"),
                ("← → h l", "scroll columns"), ("/", "filter as you type (!term inverts)"),
                ("< >", "sort by the column left / right"), ("I", "invert sort order"), ("F6", "sort-by menu"),
                ("y", "copy the selected value"), ("mouse", "wheel scrolls, click selects / sorts"),
            ]),
        ]
        var groups: [Group] = []
        switch pane {
        case .namespaces: groups.append(Group(title: "Namespaces", keys: [("Enter", "history: storage and free space trends")]))
        case .freeSpace: groups.append(Group(title: "Free space", keys: [("↑↓", "choose a cluster; its top compact candidates show below")]))
        case .runs: groups.append(Group(title: "Runs", keys: [("Enter", "open the run inspector")]))
        case .projects: groups.append(Group(title: "Projects", keys: [("n", "new project (form)"), ("N", "import an organisation (one key, many projects)"), ("Enter", "its onboarding run")]))
        }
        if inspector || pane == .runs {
            groups.append(Group(title: "Run inspector", keys: [
                ("← →", "one event back / forward"), ("Home End G", "first / last event"), ("f", "follow the live end"),
                ("↑↓", "select a job"), ("t", "timeline: attempts as bars, phases as bands"),
                ("w Enter", "why: the job's attempts, and why it was skipped"), ("g", "go to event number"),
                ("b", "breakpoint on the selected job, or type an event kind"), ("n N", "run to the next / previous breakpoint"),
                ("B", "clear breakpoints"), ("a", "approve the next phase (step mode)"), ("r", "retry the selected failed job"),
                ("c", "cancel the run"),
            ]))
        }
        common.insert(contentsOf: groups, at: 0)
        return common
    }
}
