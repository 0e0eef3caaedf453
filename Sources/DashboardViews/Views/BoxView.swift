/// A framed, cleared box for overlays.
public enum BoxView {
    public static func draw(into buf: inout ScreenBuffer, _ r: Rect, title: String, theme t: Theme) {
        guard r.width >= 4, r.height >= 2 else { return }
        buf.fill(r)
        let (h, v, tl, tr, bl, br) = t.unicode ? ("─", "│", "┌", "┐", "└", "┘") : ("-", "|", "+", "+", "+", "+")
        let line = String(repeating: h, count: r.width - 2)
        buf.put(tl + line + tr, x: r.x, y: r.y, style: t.border)
        buf.put(bl + line + br, x: r.x, y: r.maxY - 1, style: t.border)
        for y in (r.y + 1)..<(r.maxY - 1) {
            buf.put(v, x: r.x, y: y, style: t.border)
            buf.put(v, x: r.maxX - 1, y: y, style: t.border)
        }
        buf.put(" \(title) ", x: r.x + 2, y: r.y, maxWidth: r.width - 4, style: t.columnHeader, ellipsis: t.ellipsis)
    }
}
