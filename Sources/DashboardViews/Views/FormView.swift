/// The centred three-field form; the private key shows one mask character per character.
public enum FormView {
    public static func render(into buf: inout ScreenBuffer, _ form: ProjectForm, ctx: RenderContext) {
        let t = ctx.theme
        let box = buf.bounds.centred(width: 66, height: 15)
        BoxView.draw(into: &buf, box, title: "New project", theme: t)
        let labelX = box.x + 2, fieldX = box.x + 16, fieldW = box.width - 18
        for (i, field) in ProjectForm.Field.allCases.enumerated() {
            drawField(into: &buf, label: field.label, shown: form.display(field, mask: t.maskChar), focused: form.focus == field,
                      error: form.visibleError(field), filled: !form.value(field).isEmpty,
                      at: (labelX, fieldX, box.y + 2 + i * 3), width: fieldW, theme: t)
        }
        let y = box.maxY - 3
        if form.submitting {
            buf.put("Checking the keys against Atlas…", x: labelX, y: y, style: t.style(.accent))
        } else if let err = form.submitError {
            buf.put("! " + err, x: labelX, y: y, maxWidth: box.width - 4, style: t.style(.danger), ellipsis: t.ellipsis)
        }
        buf.put("Tab/↑↓ move  Enter submit  Esc cancel  ^U clear  ^W word", x: labelX, y: box.maxY - 2,
                maxWidth: box.width - 4, style: t.style(.muted), ellipsis: t.ellipsis)
    }

    /// One labelled field: its value (the end kept in view), then its error or a "looks right" under it.
    static func drawField(into buf: inout ScreenBuffer, label: String, shown value: String, focused: Bool, error: String?,
                          filled: Bool, at p: (labelX: Int, fieldX: Int, y: Int), width fieldW: Int, theme t: Theme) {
        buf.put(label, x: p.labelX, y: p.y, style: focused ? t.columnHeader : .plain)
        var shown = value
        while DisplayWidth.of(shown) > fieldW - 1 { shown.removeFirst() }
        let fieldStyle = focused ? Style(attrs: .underline).adding(.bold) : Style(attrs: .underline)
        buf.put(shown + (focused ? "_" : ""), x: p.fieldX, y: p.y, width: fieldW, alignment: .left, style: fieldStyle)
        if let error {
            buf.put("! " + error, x: p.fieldX, y: p.y + 1, maxWidth: fieldW, style: t.style(.danger), ellipsis: t.ellipsis)
        } else if filled {
            buf.put((t.unicode ? "✓" : "+") + " looks right", x: p.fieldX, y: p.y + 1, style: t.style(.good))
        }
    }
}
