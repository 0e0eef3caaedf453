/// The `?` overlay: every key of the current pane, grouped.
public enum HelpView {
    public static func render(into buf: inout ScreenBuffer, _ s: AppState, ctx: RenderContext) {
        let t = ctx.theme
        let groups = KeyHelp.groups(for: s.pane, inspector: s.inspector != nil)
        var lines: [(String, String?)] = []
        for g in groups {
            if !lines.isEmpty { lines.append(("", nil)) }
            lines.append((g.title, nil))
            for k in g.keys { lines.append((k.key, k.action)) }
        }
        let box = buf.bounds.centred(width: 72, height: min(lines.count + 2, buf.height - 2))
        BoxView.draw(into: &buf, box, title: "Help: \(s.pane.title) (Esc closes)", theme: t)
        for (i, line) in lines.prefix(box.height - 2).enumerated() {
            let y = box.y + 1 + i
            if let action = line.1 {
                buf.put(line.0, x: box.x + 3, y: y, width: 18, alignment: .left, style: t.footerKey)
                buf.put(action, x: box.x + 22, y: y, maxWidth: box.width - 24, ellipsis: t.ellipsis)
            } else {
                buf.put(line.0, x: box.x + 2, y: y, style: t.columnHeader)
            }
        }
    }
}
