/// The `?` overlay: every key of the current pane, grouped, the pane's own keys first. On a short terminal
/// it scrolls (↑↓, PgUp/PgDn, Home/End) and says how much is above and below.
public enum HelpView {
    static let boxWidth = 72

    /// The overlay's lines: a group title (action `nil`), or a key and its action; blank lines separate groups.
    static func lines(_ s: AppState) -> [(String, String?)] {
        var lines: [(String, String?)] = []
        for g in KeyHelp.groups(for: s.pane, inspector: s.inspector != nil) {
            if !lines.isEmpty { lines.append(("", nil)) }
            lines.append((g.title, nil))
            for k in g.keys { lines.append((k.key, k.action)) }
        }
        return lines
    }

    /// Lines that fit inside the box on this screen.
    static func visibleRows(_ s: AppState, lineCount: Int) -> Int { max(1, min(lineCount, s.height - 4)) }

    /// How far the help can scroll on this screen.
    public static func maxScroll(_ s: AppState) -> Int {
        let count = lines(s).count
        return max(0, count - visibleRows(s, lineCount: count))
    }

    public static func render(into buf: inout ScreenBuffer, _ s: AppState, ctx: RenderContext) {
        let t = ctx.theme
        let lines = lines(s)
        let rows = visibleRows(s, lineCount: lines.count)
        let scroll = min(max(0, s.helpScroll), max(0, lines.count - rows))
        let box = buf.bounds.centred(width: boxWidth, height: rows + 2)
        BoxView.draw(into: &buf, box, title: "Help: \(s.pane.title) (Esc closes)", theme: t)
        for (i, line) in lines.dropFirst(scroll).prefix(rows).enumerated() {
            let y = box.y + 1 + i
            if let action = line.1 {
                buf.put(line.0, x: box.x + 3, y: y, width: 18, alignment: .left, style: t.footerKey)
                buf.put(action, x: box.x + 22, y: y, maxWidth: box.width - 24, ellipsis: t.ellipsis)
            } else {
                buf.put(line.0, x: box.x + 2, y: y, style: t.columnHeader)
            }
        }
        let below = lines.count - scroll - rows
        if scroll > 0 || below > 0 {
            let more = [scroll > 0 ? "\(scroll) more above" : nil, below > 0 ? "\(below) more below" : nil]
                .compactMap { $0 }.joined(separator: ", ")
            buf.put(" \(more) (↑↓ scroll) ", x: box.x + 2, y: box.y + box.height - 1, maxWidth: box.width - 4,
                    style: t.columnHeader, ellipsis: t.ellipsis)
        }
    }
}
