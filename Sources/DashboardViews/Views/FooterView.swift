/// Row H-1: the keys that work here (htop's F-key bar, lazygit's options bar).
public enum FooterView {
    public static func render(into buf: inout ScreenBuffer, _ s: AppState, y: Int, ctx: RenderContext) {
        let t = ctx.theme
        var x = 0
        for (key, action) in KeyHelp.footer(s) {
            let kw = DisplayWidth.of(key), aw = DisplayWidth.of(action)
            guard x + kw + aw + 1 <= buf.width else { break }
            buf.put(key, x: x, y: y, style: t.footerKey)
            buf.put(action, x: x + kw + 1, y: y)
            x += kw + aw + 3
        }
    }
}
