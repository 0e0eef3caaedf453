import DashboardModel

/// Keys and answers of the organisation import overlay (`N` in the Projects pane).
extension Update {
    static func orgImportKey(_ f: inout OrgImportForm, _ key: Key, _ s: inout AppState) -> [Effect] {
        switch f.stage {
        case .keys: return orgKeysKey(&f, key, &s)
        case .choose: return orgChooseKey(&f, key, &s)
        case .listing:
            if key == .escape { s.overlay = nil }
            return []
        case .importing, .done:
            // Closing leaves the work going: the Projects pane shows each project's state as it changes.
            switch key {
            case .escape: s.overlay = nil
            case .enter, .char("q"): if f.stage == .done { s.overlay = nil }
            case .up, .char("k"): f.cursor = max(0, f.cursor - 1)
            case .down, .char("j"): f.cursor = min(max(0, f.chosen.count - 1), f.cursor + 1)
            default: break
            }
            return []
        }
    }

    private static func orgKeysKey(_ f: inout OrgImportForm, _ key: Key, _ s: inout AppState) -> [Effect] {
        switch key {
        case .escape:
            s.overlay = nil
            s.status = StatusMessage(.info, "Import cancelled.")
        case .tab, .down, .backTab, .up: f.focus = 1 - f.focus
        case .backspace, .delete: f.backspace()
        case .ctrl("u"): f.clearField()
        case .char(let c): f.insert(c)
        case .enter:
            guard let submission = f.key else {
                f.touchAll()
                f.focus = f.fieldError(0) != nil ? 0 : 1
                s.status = StatusMessage(.warning, "Fix the marked fields, then press Enter.")
                return []
            }
            f.stage = .listing
            s.status = StatusMessage(.info, "Listing every project the key can see…")
            return [.listOrganisation(submission)]
        default: break
        }
        return []
    }

    private static func orgChooseKey(_ f: inout OrgImportForm, _ key: Key, _ s: inout AppState) -> [Effect] {
        if f.filterEditing {
            switch key {
            case .escape: f.filter = ""; f.filterEditing = false
            case .enter: f.filterEditing = false
            case .backspace, .delete: if !f.filter.isEmpty { f.filter.removeLast() }
            case .ctrl("u"): f.filter = ""
            case .char(let c): f.filter.append(c)
            case .up, .down: f.move(by: key == .up ? -1 : 1)
            default: break
            }
            f.move(by: 0)
            return []
        }
        switch key {
        case .escape, .char("q"):
            s.overlay = nil
            s.status = StatusMessage(.info, "Import cancelled.")
        case .char("/"): f.filterEditing = true
        case .char(" "): f.toggle()
        case .char("a"): f.toggleAllVisible()
        case .up, .char("k"): f.move(by: -1)
        case .down, .char("j"): f.move(by: 1)
        case .pageUp: f.move(by: -OrgImportView.listRows)
        case .pageDown: f.move(by: OrgImportView.listRows)
        case .home: f.cursor = 0
        case .end: f.move(by: Int.max / 2)
        case .enter:
            guard let listing = f.listing, !f.chosen.isEmpty else {
                s.status = StatusMessage(.warning, "No project is checked: space checks one, a checks all.")
                return []
            }
            guard let submission = f.key else { return [] }
            f.stage = .importing
            f.filter = ""
            f.cursor = 0
            s.status = StatusMessage(.info, "Onboarding \(f.chosen.count) project(s)…")
            return [.importOrganisation(submission, listing: listing, chosen: f.chosen)]
        default: break
        }
        return []
    }

    /// The manager's answers, applied to the open overlay (they still land in the status line when it is closed).
    static func orgImportMessage(_ s: inout AppState, _ message: Message) {
        var form: OrgImportForm?
        if case .orgImport(let f) = s.overlay { form = f }
        switch message {
        case .organisationListed(let listing):
            form?.load(listing)
            let new = listing.candidates.filter(\.willOnboard).count
            s.status = StatusMessage(.info, "\(listing.candidates.count) project(s) found, \(new) to onboard.")
        case .organisationFailed(let text):
            if form?.stage == .listing { form?.stage = .keys }
            form?.error = text
            s.status = StatusMessage(.error, text)
        case .importOutcome(let o):
            form?.outcomes[o.id] = o
        case .importFinished(let outcomes):
            form?.stage = .done
            let failed = outcomes.filter { !$0.isSuccess }.count
            let onboarded = outcomes.filter { $0.result == .onboarded }.count
            s.status = failed == 0
                ? StatusMessage(.info, "Import done: \(onboarded) onboarded, \(outcomes.count - onboarded) unchanged.")
                : StatusMessage(.error, "Import done: \(onboarded) onboarded, \(failed) refused (reasons in the Projects pane).")
        default: break
        }
        if let form, case .orgImport = s.overlay { s.overlay = .orgImport(form) }
    }
}
