/// F6: the columns to sort by, the highlighted one in reverse video.
public enum SortMenuView {
    public static func render(into buf: inout ScreenBuffer, columns: [String], highlighted: Int, ctx: RenderContext) {
        let box = buf.bounds.centred(width: 30, height: columns.count + 2)
        BoxView.draw(into: &buf, box, title: "Sort by", theme: ctx.theme)
        for (i, title) in columns.enumerated() where i < box.height - 2 {
            buf.put(" " + title, x: box.x + 1, y: box.y + 1 + i, width: box.width - 2, alignment: .left)
            if i == highlighted {
                buf.addAttributes(.reverse, in: Rect(x: box.x + 1, y: box.y + 1 + i, width: box.width - 2, height: 1))
            }
        }
    }
}
