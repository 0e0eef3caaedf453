import DashboardModel

/// The organisation import overlay: the two key fields, then the checklist of projects found, then each
/// chosen project's progress (its outcome, or its state in the snapshot while it onboards).
public enum OrgImportView {
    /// Checklist rows shown at once (fits the 80×24 minimum).
    public static let listRows = 12

    public static func render(into buf: inout ScreenBuffer, _ f: OrgImportForm, projects: [ProjectSummary], ctx: RenderContext) {
        let t = ctx.theme
        let box = buf.bounds.centred(width: 76, height: 20)
        BoxView.draw(into: &buf, box, title: "Import an organisation", theme: t)
        let x = box.x + 2, w = box.width - 4
        switch f.stage {
        case .keys, .listing: renderKeys(into: &buf, f, box: box, ctx: ctx)
        case .choose, .importing, .done:
            buf.put(headline(f), x: x, y: box.y + 1, maxWidth: w, style: t.columnHeader, ellipsis: t.ellipsis)
            if f.filterEditing || !f.filter.isEmpty {
                buf.put("/" + f.filter + (f.filterEditing ? "_" : ""), x: x, y: box.y + 2, maxWidth: w, style: t.style(.accent))
            }
            renderList(into: &buf, f, projects: projects, box: box, ctx: ctx)
        }
        let help: String
        switch f.stage {
        case .keys: help = "Tab move  Enter list projects  Esc cancel  ^U clear"
        case .listing: help = "Listing every project the key can see…  Esc close"
        case .choose: help = "space toggle  a all  / filter  Enter import checked  Esc cancel"
        case .importing: help = "↑↓ reasons  Esc closes this box (the Projects pane keeps the progress)"
        case .done: help = "↑↓ reasons  Enter close"
        }
        buf.put(help, x: x, y: box.maxY - 2, maxWidth: w, style: t.style(.muted), ellipsis: t.ellipsis)
    }

    static func headline(_ f: OrgImportForm) -> String {
        let total = f.candidates.count
        switch f.stage {
        case .choose:
            let new = f.candidates.filter(\.willOnboard).count
            return "\(total) project(s) found, \(new) not onboarded yet · \(f.chosen.count) checked"
        case .importing: return "Onboarding \(f.chosen.count) project(s): \(f.finishedCount) done"
        default:
            let failed = f.outcomes.values.filter { !$0.isSuccess }.count
            return "Done: \(f.finishedCount) of \(f.chosen.count)" + (failed > 0 ? ", \(failed) refused" : "")
        }
    }

    private static func renderKeys(into buf: inout ScreenBuffer, _ f: OrgImportForm, box: Rect, ctx: RenderContext) {
        let t = ctx.theme
        let labelX = box.x + 2, fieldX = box.x + 16, fieldW = box.width - 18
        buf.put("One organisation key onboards every project it can see.", x: labelX, y: box.y + 2,
                maxWidth: box.width - 4, style: t.style(.muted), ellipsis: t.ellipsis)
        for (i, label) in ["Public key", "Private key"].enumerated() {
            FormView.drawField(into: &buf, label: label, shown: f.display(i, mask: t.maskChar), focused: f.focus == i && f.stage == .keys,
                               error: f.visibleError(i), filled: !f.display(i, mask: "x").isEmpty,
                               at: (labelX, fieldX, box.y + 4 + i * 3), width: fieldW, theme: t)
        }
        let y = box.y + 11
        if f.stage == .listing {
            buf.put("Listing every project the key can see…", x: labelX, y: y, style: t.style(.accent))
        } else if let err = f.error {
            // Long Atlas answers wrap over the lines left in the box.
            for (i, line) in TextFit.wrap("! " + err, width: box.width - 4).prefix(5).enumerated() {
                buf.put(line, x: labelX, y: y + i, maxWidth: box.width - 4, style: t.style(.danger), ellipsis: t.ellipsis)
            }
        }
    }

    private static func renderList(into buf: inout ScreenBuffer, _ f: OrgImportForm, projects: [ProjectSummary],
                                   box: Rect, ctx: RenderContext) {
        let t = ctx.theme
        let rows = f.stage == .choose ? f.visible : f.candidates.filter { f.chosen.contains($0.id) }
        if rows.isEmpty {
            buf.put(f.candidates.isEmpty ? "The key sees no project." : "No project matches the filter.",
                    x: box.x + 4, y: box.y + 4, style: t.style(.muted))
            return
        }
        let cursor = min(f.cursor, rows.count - 1)
        let top = min(max(0, cursor - listRows + 1), max(0, rows.count - listRows))
        let states = Dictionary(projects.map { ($0.id, $0.state) }, uniquingKeysWith: { a, _ in a })
        let nameW = 26, x = box.x + 2
        for (i, c) in rows.dropFirst(top).prefix(listRows).enumerated() {
            let y = box.y + 4 + i
            let mark = f.isChecked(c.id) ? "[x]" : "[ ]"
            let (text, tone) = f.stage == .choose ? standingText(c) : progressText(c, f.outcomes[c.id], states[c.id], t)
            buf.put(mark, x: x, y: y, style: .plain)
            buf.put(c.name, x: x + 4, y: y, width: nameW, alignment: .left, ellipsis: t.ellipsis)
            buf.put(c.id, x: x + 5 + nameW, y: y, maxWidth: 24, style: t.style(.muted))
            buf.put(text, x: x + 30 + nameW, y: y, maxWidth: box.maxX - 2 - (x + 30 + nameW), style: t.style(tone), ellipsis: t.ellipsis)
            if top + i == cursor {
                buf.addAttributes(.reverse, in: Rect(x: box.x + 1, y: y, width: box.width - 2, height: 1))
            }
        }
        // The highlighted (else the first refused) project's whole reason, under the list.
        let reasoned = rows.indices.contains(cursor) && f.outcomes[rows[cursor].id]?.reason != nil ? rows[cursor]
            : rows.first { f.outcomes[$0.id]?.result == .failed }
        if let r = reasoned, let reason = f.outcomes[r.id]?.reason {
            for (i, line) in TextFit.wrap(r.name + ": " + reason, width: box.width - 4).prefix(2).enumerated() {
                buf.put(line, x: x, y: box.y + 4 + listRows + i, maxWidth: box.width - 4, style: t.style(.danger), ellipsis: t.ellipsis)
            }
        }
        if rows.count > listRows {
            buf.put("\(top + 1)-\(min(rows.count, top + listRows)) of \(rows.count)", x: box.maxX - 16, y: box.y + 2,
                    maxWidth: 14, style: t.style(.muted))
        }
    }

    static func standingText(_ c: ImportCandidate) -> (String, Tone) {
        switch c.standing {
        case .new: return ("new", .accent)
        case .onboarded: return ("onboarded", .good)
        case .onboarding: return ("onboarding", .accent)
        case .retry: return ("onboard again", .warn)
        }
    }

    static func progressText(_ c: ImportCandidate, _ o: ImportOutcome?, _ state: ProjectState?, _ t: Theme) -> (String, Tone) {
        if let o {
            switch o.result {
            case .onboarded: return ((t.unicode ? "✓" : "+") + " onboarded", .good)
            case .alreadyOnboarded: return ("already onboarded", .muted)
            case .failed: return ((t.unicode ? "✗ " : "x ") + (o.reason ?? "refused"), .danger)
            case .gone: return ("gone", .muted)
            case .wouldOnboard: return ("would onboard", .accent)
            }
        }
        return state == .onboarding ? ("> onboarding", .accent) : ("waiting", .muted)
    }

    public static func footer(_ f: OrgImportForm) -> [(String, String)] {
        switch f.stage {
        case .keys: return [("Tab", "Next field"), ("Enter", "List projects"), ("Esc", "Cancel")]
        case .listing, .importing: return [("Esc", "Close")]
        case .choose where f.filterEditing: return [("Enter", "Keep filter"), ("Esc", "Clear")]
        case .choose: return [("Space", "Toggle"), ("a", "All"), ("/", "Filter"), ("Enter", "Import"), ("Esc", "Cancel")]
        case .done: return [("Enter", "Close")]
        }
    }
}
