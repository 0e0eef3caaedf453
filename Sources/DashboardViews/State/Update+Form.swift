/// Keys while the new-project form is open: printable keys are text; only Esc, Enter, Tab, arrows and
/// Ctrl- keys act. `y` is text here too, so the private key can never be copied.
extension Update {
    static func formKey(_ form: inout ProjectForm, _ key: Key, _ s: inout AppState) -> [Effect] {
        if form.submitting {
            if key == .escape { s.overlay = nil }  // closes the box; the submission's answer still lands
            return []
        }
        switch key {
        case .escape:
            s.overlay = nil
            s.status = StatusMessage(.info, "New project cancelled.")
        case .tab, .down: form.moveFocus(by: 1)
        case .backTab, .up: form.moveFocus(by: -1)
        case .backspace, .delete: form.backspace()
        case .ctrl("u"): form.clearField()
        case .ctrl("w"): form.deleteWord()
        case .char(let c): form.insert(c)
        case .enter:
            guard let submission = form.submission else {
                form.touchAll()
                if let first = ProjectForm.Field.allCases.first(where: { form.error($0) != nil }) { form.focus = first }
                s.status = StatusMessage(.warning, "Fix the marked fields, then press Enter.")
                return []
            }
            form.submitting = true
            s.status = StatusMessage(.info, "Checking the keys against Atlas…")
            return [.addProject(submission)]
        default: break
        }
        return []
    }
}
