/// Draws a table: a column header with the sort mark, then only the visible slice of rows.
public enum TableView {
    public static func render<Row>(into buf: inout ScreenBuffer, _ table: TableModel<Row>, rect: Rect,
                                   ctx: RenderContext, empty: String) {
        let t = ctx.theme
        let placed = ColumnLayout.place(table.columns, width: rect.width, offset: table.columnOffset)
        buf.fill(Rect(x: rect.x, y: rect.y, width: rect.width, height: 1), style: t.columnHeader)
        for p in placed {
            let col = table.columns[p.index]
            var title = col.title
            if p.index == table.sortColumn { title += table.ascending ? t.ascendingMark : t.descendingMark }
            buf.put(title, x: rect.x + p.x, y: rect.y, width: p.width, alignment: col.alignment,
                    style: t.columnHeader, ellipsis: t.ellipsis)
        }
        let bodyHeight = rect.height - 1
        if table.count == 0 {
            buf.put(empty, x: rect.x, y: rect.y + 1 + bodyHeight / 2, width: rect.width, alignment: .center,
                    style: t.style(.muted), ellipsis: t.ellipsis)
            return
        }
        let end = min(table.count, table.top + bodyHeight)
        for i in table.top..<end {
            let y = rect.y + 1 + (i - table.top)
            let row = table.row(at: i)
            for p in placed {
                let col = table.columns[p.index]
                if let bar = col.bar {
                    drawBar(into: &buf, fraction: bar(row), x: rect.x + p.x, y: y, width: p.width, tone: col.tone(row), theme: t)
                } else {
                    buf.put(col.text(row, ctx), x: rect.x + p.x, y: y, width: p.width, alignment: col.alignment,
                            style: t.style(col.tone(row)), ellipsis: t.ellipsis)
                }
            }
            if i == table.cursor {
                buf.addAttributes(.reverse, in: Rect(x: rect.x, y: y, width: rect.width, height: 1))
            }
        }
    }

    /// A horizontal bar: filled part in the tone's style, the rest as a light shade.
    public static func drawBar(into buf: inout ScreenBuffer, fraction: Double, x: Int, y: Int, width: Int,
                               tone: Tone, theme: Theme) {
        guard width > 0 else { return }
        let filled = max(0, min(width, Int((fraction * Double(width)).rounded())))
        let on = theme.unicode ? "█" : "#", off = theme.unicode ? "░" : "."
        buf.put(String(repeating: on, count: filled), x: x, y: y, maxWidth: filled, style: theme.style(tone == .normal ? .accent : tone))
        buf.put(String(repeating: off, count: width - filled), x: x + filled, y: y, maxWidth: width - filled,
                style: theme.style(.muted))
    }
}
