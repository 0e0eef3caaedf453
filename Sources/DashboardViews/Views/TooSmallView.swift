/// Below 80×24: one centred message with the current and needed size (btop), nothing else.
public enum TooSmallView {
    public static func render(into buf: inout ScreenBuffer, ctx: RenderContext) {
        let lines = [
            "Terminal size too small",
            "Width = \(buf.width) Height = \(buf.height)",
            "Needed: \(AppState.minimumWidth) x \(AppState.minimumHeight)",
            "Enlarge the window, or press q to quit",
        ]
        let top = max(0, (buf.height - lines.count) / 2)
        for (i, line) in lines.enumerated() {
            let style = i == 0 ? ctx.theme.style(.danger) : Style.plain
            buf.put(line, x: 0, y: top + i, width: buf.width, alignment: .center, style: style, ellipsis: ctx.theme.ellipsis)
        }
    }
}
