import DashboardModel
import Foundation

/// The pure update function (Bubble Tea's `Update`): a message changes the state and yields effects for
/// the terminal app to run. No I/O, no clock, no curses, so every key is testable without a terminal.
public enum Update {
    public static func update(_ s: inout AppState, _ message: Message) -> [Effect] {
        switch message {
        case .key(let key):
            return handleKey(&s, key)
        case .resize(let w, let h):
            s.width = w; s.height = h
            s.layoutTables()
            return []
        case .snapshot(let snap):
            return applySnapshot(&s, snap) { $0.apply(snap) }
        case .prepared(let p):
            return applySnapshot(&s, p.snapshot) { $0.apply(p) }
        case .tick(let now):
            s.now = now
            return []
        case .runLog(let part):
            guard s.inspector?.runID == part.runID else { return [] }
            if let hit = s.inspector?.load(part), let ins = s.inspector {
                s.status = StatusMessage(.warning, "Stopped following at breakpoint \(hit.hit): \(ins.eventLine(hit.event))")
            }
            return []
        case .history(let key, let samples):
            if s.history?.key == key { s.history?.samples = samples }
            return []
        case .projectAdded(let runID):
            if case .form = s.overlay { s.overlay = nil }
            s.pane = .projects
            s.status = StatusMessage(.info, "Project added; onboarding run \(runID) started.")
            return openInspector(&s, runID: runID)
        case .openRun(let runID):
            s.pane = .runs
            return openInspector(&s, runID: runID)
        case .formFailed(let text):
            if case .form(var form) = s.overlay {
                form.submitting = false
                form.submitError = text
                s.overlay = .form(form)
            }
            s.status = StatusMessage(.error, text)
            return []
        case .info(let text):
            s.status = StatusMessage(.info, text)
            return []
        case .failed(let text):
            s.status = StatusMessage(.error, text)
            return []
        case .organisationListed, .organisationFailed, .importOutcome, .importFinished:
            orgImportMessage(&s, message)
            return []
        }
    }

    static func applySnapshot(_ s: inout AppState, _ snap: DashboardSnapshot, _ apply: (inout AppState) -> Void) -> [Effect] {
        let old = s.snapshot
        apply(&s)
        if let err = snap.lastError, err != old.lastError {
            s.status = StatusMessage(.error, err)
        }
        // The open inspector fetches the events its run has gained (each job event moves the run's `lastSeq`).
        if var ins = s.inspector, let run = snap.runs.first(where: { $0.id == ins.runID }),
           ins.needsEvents(upTo: run.lastSeq) {
            s.inspector = ins
            return [ins.loadEffect]
        }
        return []
    }

    static func handleKey(_ s: inout AppState, _ key: Key) -> [Effect] {
        if key == .ctrl("c") { return [.quit] }
        if s.isTooSmall {
            return key == .char("q") ? [.quit] : []
        }
        if key == .ctrl("l") { return [.repaint] }
        if let overlay = s.overlay { return overlayKey(&s, overlay, key) }
        if s.filterEditing { return filterKey(&s, key) }
        if s.history != nil {
            if [.escape, .char("q"), .enter, .function(10)].contains(key) { s.history = nil }
            return []
        }
        if s.inspector != nil, s.pane == .runs || s.pane == .projects {
            if let effects = inspectorKey(&s, key) { return effects }
        }
        return paneKey(&s, key)
    }

    static func overlayKey(_ s: inout AppState, _ overlay: Overlay, _ key: Key) -> [Effect] {
        switch overlay {
        case .help:
            let page = max(1, s.height - 5)
            switch key {
            case .escape, .char("q"), .char("?"), .function(1), .function(10), .enter: s.overlay = nil
            case .up, .char("k"), .wheelUp: s.helpScroll -= 1
            case .down, .char("j"), .wheelDown: s.helpScroll += 1
            case .pageUp, .ctrl("b"): s.helpScroll -= page
            case .pageDown, .ctrl("f"): s.helpScroll += page
            case .home, .char("g"): s.helpScroll = 0
            case .end, .char("G"): s.helpScroll = Int.max / 2
            default: break
            }
            s.helpScroll = min(max(0, s.helpScroll), HelpView.maxScroll(s))
            return []
        case .form(var form):
            let effects = formKey(&form, key, &s)
            if case .form = s.overlay { s.overlay = .form(form) }
            return effects
        case .orgImport(var form):
            let effects = orgImportKey(&form, key, &s)
            if case .orgImport = s.overlay { s.overlay = .orgImport(form) }
            return effects
        case .confirm(let c):
            switch key {
            case .char("y"), .char("Y"):
                s.overlay = nil
                switch c {
                case .retry(let run, let job):
                    s.status = StatusMessage(.info, "Retrying \(job)…")
                    return [.retry(runID: run, job: job)]
                case .cancel(let run):
                    s.status = StatusMessage(.info, "Cancelling run \(run)…")
                    return [.cancel(runID: run)]
                }
            case .char("n"), .char("N"), .escape, .char("q"):
                s.overlay = nil
                s.status = StatusMessage(.info, "Nothing done.")
            default: break
            }
            return []
        case .sortMenu(let i):
            let n = currentColumns(s).count
            switch key {
            case .up, .char("k"): s.overlay = .sortMenu(max(0, i - 1))
            case .down, .char("j"): s.overlay = .sortMenu(min(n - 1, i + 1))
            case .enter:
                s.overlay = nil
                withTable(&s, .sort(i))
            case .escape, .char("q"), .function(6): s.overlay = nil
            default: break
            }
            return []
        }
    }

    static func filterKey(_ s: inout AppState, _ key: Key) -> [Effect] {
        var text = currentFilter(s)
        switch key {
        case .escape:
            s.filterEditing = false
            text = ""
        case .enter:
            s.filterEditing = false
            return []
        case .backspace: if !text.isEmpty { text.removeLast() }
        case .ctrl("u"): text = ""
        case .char(let c): text.append(c)
        case .up, .down, .pageUp, .pageDown:
            return navigate(&s, key)
        case .ctrl("r"): return [.refresh]
        default: return []
        }
        withTable(&s, .setFilter(text))
        return []
    }
}
