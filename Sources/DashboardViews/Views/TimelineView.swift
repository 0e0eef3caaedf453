import DashboardModel
import Foundation

/// `t`: the run as a Gantt chart. One row per job attempt (retries and interrupted attempts are bars of their
/// own) under a band per phase; the time axis fits the width from the first event to the last; the cursor
/// (the current event) is a vertical line that the step keys move. Attempts after the cursor are dotted, the
/// part of an attempt after the cursor shaded. The selected job's rows are highlighted and kept in view.
public enum TimelineView {
    public static func render(into buf: inout ScreenBuffer, _ ins: InspectorState, rect: Rect, ctx: RenderContext) {
        let t = ctx.theme
        let spans = ins.attempts
        guard let t0 = spans.first, let t1 = spans.last, !spans.rows.isEmpty, rect.height > 1 else {
            buf.put(" No job has started yet.", x: rect.x, y: rect.y, maxWidth: rect.width, style: t.style(.muted))
            return
        }
        let labelWidth = max(16, min(28, rect.width / 4))
        let x0 = rect.x + labelWidth + 1, width = max(1, rect.width - labelWidth - 1)
        let span = max(t1.timeIntervalSince(t0), 0.001)
        func col(_ date: Date) -> Int { x0 + max(0, min(width - 1, Int(date.timeIntervalSince(t0) / span * Double(width - 1)))) }
        let cursorTime = ins.cursor >= 1 ? ins.events[ins.cursor - 1].at : t0

        // Axis: start and end times, and where the cursor is.
        buf.fill(Rect(x: rect.x, y: rect.y, width: rect.width, height: 1), style: t.columnHeader)
        buf.put(" \(spans.attempts.count) attempts, \(spans.phases.count) phases", x: rect.x, y: rect.y,
                maxWidth: labelWidth, style: t.columnHeader, ellipsis: t.ellipsis)
        buf.put(Formatters.clock(t0), x: x0, y: rect.y, style: t.columnHeader)
        let end = Formatters.clock(t1)
        buf.put(end, x: x0 + width - end.count, y: rect.y, style: t.columnHeader)
        let at = "event \(ins.cursor) at \(Formatters.clock(cursorTime))"
        buf.put(at, x: max(x0 + 9, min(col(cursorTime) - at.count / 2, x0 + width - end.count - at.count - 1)), y: rect.y,
                style: t.columnHeader)

        let height = rect.height - 1
        let selected = ins.selectedJobName
        let selectedRow = selected.flatMap { spans.row(ofJob: $0, asOf: ins.cursor) } ?? 0
        let top = max(0, min(selectedRow - height / 2, spans.rows.count - height))
        let full: Character = t.unicode ? "█" : "#", shade: Character = t.unicode ? "░" : ".", dot: Character = t.unicode ? "·" : "."
        let band: Character = t.unicode ? "─" : "-"
        for (offset, row) in spans.rows[top...].prefix(height).enumerated() {
            let y = rect.y + 1 + offset
            switch row {
            case .phase(let i):
                let p = spans.phases[i]
                let future = p.startEvent > ins.cursor
                let ended = p.endEvent.map { $0 <= ins.cursor } ?? false
                let style = future ? t.style(.muted) : t.columnHeader
                buf.put(" " + p.name + (p.skipped ? " (skipped)" : ""), x: rect.x, y: y, maxWidth: labelWidth, style: style,
                        ellipsis: t.ellipsis)
                let to = ended || future ? (p.end ?? t1) : cursorTime
                draw(&buf, band, from: col(p.start), to: col(to), y: y, style: future ? t.style(.muted) : t.border)
            case .attempt(let i):
                let a = spans.attempts[i]
                let label = "   " + a.job + (a.attempt > 1 ? " #\(a.attempt)" : "")
                var labelStyle = a.startEvent > ins.cursor ? t.style(.muted) : Style.plain
                if a.job == selected { labelStyle = labelStyle.adding(.reverse) }
                buf.put(label, x: rect.x, y: y, width: labelWidth, alignment: .left, style: labelStyle, ellipsis: t.ellipsis)
                let realEnd = a.end ?? t1
                if a.startEvent > ins.cursor {
                    draw(&buf, dot, from: col(a.start), to: col(realEnd), y: y, style: t.style(.muted))
                    continue
                }
                let outcome = a.outcome(asOf: ins.cursor)
                let shown = outcome == nil ? cursorTime : realEnd
                if outcome == nil, a.end != nil {
                    draw(&buf, shade, from: col(cursorTime), to: col(realEnd), y: y, style: t.style(.muted))
                }
                draw(&buf, full, from: col(a.start), to: col(shown), y: y, style: WhyView.style(outcome, t))
            }
        }
        // The cursor line over every row.
        let cx = col(cursorTime)
        for y in (rect.y + 1)..<rect.maxY { buf.put(t.separator, x: cx, y: y, style: t.style(.warn).adding(.bold)) }
    }

    private static func draw(_ buf: inout ScreenBuffer, _ c: Character, from: Int, to: Int, y: Int, style: Style) {
        guard to >= from else { return }
        buf.put(String(repeating: c, count: to - from + 1), x: from, y: y, style: style)
    }
}
