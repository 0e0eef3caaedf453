/// The centred three-field form; the private key shows one mask character per character.
public enum FormView {
    public static func render(into buf: inout ScreenBuffer, _ form: ProjectForm, ctx: RenderContext) {
        let t = ctx.theme
        let box = buf.bounds.centred(width: 66, height: 15)
        BoxView.draw(into: &buf, box, title: "New project", theme: t)
        let labelX = box.x + 2, fieldX = box.x + 16, fieldW = box.width - 18
        for (i, field) in ProjectForm.Field.allCases.enumerated() {
            let y = box.y + 2 + i * 3
            let focused = form.focus == field
            buf.put(field.label, x: labelX, y: y, style: focused ? t.columnHeader : .plain)
            var shown = form.display(field, mask: t.maskChar)
            // Keep the end (where typing happens) in view for long values.
            while DisplayWidth.of(shown) > fieldW - 1 { shown.removeFirst() }
            let fieldStyle = focused ? Style(attrs: .underline).adding(.bold) : Style(attrs: .underline)
            buf.put(shown + (focused ? "_" : ""), x: fieldX, y: y, width: fieldW, alignment: .left, style: fieldStyle)
            if let err = form.visibleError(field) {
                buf.put("! " + err, x: fieldX, y: y + 1, maxWidth: fieldW, style: t.style(.danger), ellipsis: t.ellipsis)
            } else if !form.value(field).isEmpty {
                buf.put((t.unicode ? "✓" : "+") + " looks right", x: fieldX, y: y + 1, style: t.style(.good))
            }
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
}
