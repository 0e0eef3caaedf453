/// Row H-2: the last message, coloured and prefixed by its level so it reads without colour.
public enum StatusLineView {
    public static func render(into buf: inout ScreenBuffer, _ s: AppState, y: Int, ctx: RenderContext) {
        let t = ctx.theme
        guard let status = s.status else { return }
        let (prefix, tone): (String, Tone)
        switch status.level {
        case .info: (prefix, tone) = ("", .normal)
        case .warning: (prefix, tone) = ("Warning: ", .warn)
        case .error: (prefix, tone) = ("Error: ", .danger)
        }
        buf.put(" " + prefix + status.text, x: 0, y: y, style: t.style(tone), ellipsis: t.ellipsis)
    }
}
