/// A y/n confirmation box for retry and cancel.
public enum ConfirmView {
    public static func render(into buf: inout ScreenBuffer, _ c: Confirmation, ctx: RenderContext) {
        let width = min(buf.width - 4, max(30, DisplayWidth.of(c.prompt) + 6))
        let box = buf.bounds.centred(width: width, height: 5)
        BoxView.draw(into: &buf, box, title: "Confirm", theme: ctx.theme)
        buf.put(c.prompt, x: box.x + 3, y: box.y + 2, maxWidth: box.width - 6, style: ctx.theme.style(.warn),
                ellipsis: ctx.theme.ellipsis)
    }
}
