import DashboardModel
import Orchestration

/// The run inspector: phases and jobs as of the event at the cursor (left), the event history (right).
public enum InspectorView {
    public static func render(into buf: inout ScreenBuffer, _ ins: InspectorState, rect: Rect, ctx: RenderContext) {
        let t = ctx.theme
        guard let log = ins.log, let state = ins.state else {
            buf.put("Run \(ins.runID)", x: rect.x + 1, y: rect.y, style: t.columnHeader)
            buf.put("Loading events…", x: rect.x, y: rect.y + rect.height / 2, width: rect.width, alignment: .center,
                    style: t.style(.muted))
            return
        }
        var title = "Run \(ins.runID) \(t.dot) \(state.machine) \(t.dot) "
        title += RunsView.statusText(state.status.rawValue, unicode: t.unicode).trimmingLeadingSpaces()
        title += " \(t.dot) event \(ins.cursor)/\(log.count)"
        title += ins.follow ? " \(t.dot) following" : " \(t.dot) paused"
        if state.stepMode { title += " \(t.dot) step mode" }
        if !ins.breakpoints.isEmpty { title += " \(t.dot) break: " + ins.breakpoints.map(\.description).joined(separator: ", ") }
        buf.fill(Rect(x: rect.x, y: rect.y, width: rect.width, height: 1), style: t.columnHeader)
        buf.put(title, x: rect.x + 1, y: rect.y, maxWidth: rect.width - 1, style: t.columnHeader, ellipsis: t.ellipsis)

        let promptRows = ins.prompt == nil ? 0 : 1
        let body = Rect(x: rect.x, y: rect.y + 1, width: rect.width, height: rect.height - 1 - promptRows)
        if let prompt = ins.prompt { renderPrompt(into: &buf, prompt, y: body.maxY, rect: rect, ctx: ctx) }
        if ins.mode == .timeline {
            TimelineView.render(into: &buf, ins, rect: body, ctx: ctx)
            return
        }
        let leftWidth = max(36, rect.width * 2 / 5)
        renderPhases(into: &buf, state, selected: ins.selectedJob,
                     rect: Rect(x: body.x, y: body.y, width: leftWidth, height: body.height), ctx: ctx)
        for y in body.y..<body.maxY { buf.put(t.separator, x: body.x + leftWidth, y: y, style: t.border) }
        let right = Rect(x: body.x + leftWidth + 1, y: body.y, width: body.width - leftWidth - 1, height: body.height)
        if ins.mode == .why {
            WhyView.render(into: &buf, ins, rect: right, ctx: ctx)
        } else {
            renderEvents(into: &buf, log.events, cursor: ins.cursor, rect: right, ctx: ctx)
        }
    }

    static func renderPrompt(into buf: inout ScreenBuffer, _ prompt: InspectorPrompt, y: Int, rect: Rect, ctx: RenderContext) {
        let label = switch prompt {
        case .goTo: " Go to event (0 = before the first; Enter goes, Esc cancels): "
        case .breakpoint: " Breakpoint (Enter = the selected job; or an event kind, e.g. jobFailed): "
        }
        buf.fill(Rect(x: rect.x, y: y, width: rect.width, height: 1), style: ctx.theme.columnHeader)
        buf.put(label + prompt.text + "_", x: rect.x, y: y, maxWidth: rect.width, style: ctx.theme.columnHeader,
                ellipsis: ctx.theme.ellipsis)
    }

    static func renderPhases(into buf: inout ScreenBuffer, _ state: RunState, selected: Int, rect: Rect,
                             ctx: RenderContext) {
        let t = ctx.theme
        var lines: [(text: String, tone: Tone, job: Int?)] = []
        var jobIndex = 0
        for phase in state.phases {
            let status = phase.status.rawValue
            lines.append((" " + phase.name + "  " + RunsView.statusText(status, unicode: t.unicode).trimmingLeadingSpaces(),
                          RunsView.statusTone(status), nil))
            for job in phase.jobs {
                var text = "   " + RunsView.statusText(job.status.rawValue, unicode: t.unicode) + "  " + job.name
                if job.attempt > 1 { text += " #\(job.attempt)" }
                lines.append((text, RunsView.statusTone(job.status.rawValue), jobIndex))
                jobIndex += 1
            }
        }
        let selectedLine = lines.firstIndex { $0.job == selected } ?? 0
        let messageRows = 2
        let height = max(1, rect.height - messageRows)
        let top = max(0, min(selectedLine - height / 2, lines.count - height))
        for (i, line) in lines.dropFirst(top).prefix(height).enumerated() {
            var style = t.style(line.tone)
            if line.job == nil { style = style.adding(.bold) }
            buf.put(line.text, x: rect.x, y: rect.y + i, width: rect.width, alignment: .left, style: style, ellipsis: t.ellipsis)
            if line.job == selected {
                buf.addAttributes(.reverse, in: Rect(x: rect.x, y: rect.y + i, width: rect.width, height: 1))
            }
        }
        // The selected job's last message, under the tree.
        let jobs = state.phases.flatMap(\.jobs)
        if selected < jobs.count, let message = jobs[selected].lastMessage {
            buf.put(" " + message, x: rect.x, y: rect.maxY - 1, maxWidth: rect.width, style: t.style(.muted), ellipsis: t.ellipsis)
        }
    }

    /// The history around the cursor; event number `cursor` (1-based) is highlighted, later ones muted.
    static func renderEvents(into buf: inout ScreenBuffer, _ events: [StatusEvent], cursor: Int, rect: Rect,
                             ctx: RenderContext) {
        let t = ctx.theme
        if events.isEmpty {
            buf.put(" No events yet.", x: rect.x, y: rect.y, maxWidth: rect.width, style: t.style(.muted))
            return
        }
        let height = rect.height
        let current = cursor - 1
        let top = max(0, min(current - height / 2, events.count - height))
        for (offset, event) in events[top...].prefix(height).enumerated() {
            let i = top + offset
            var where_ = event.phase ?? ""
            if let job = event.job { where_ += "/" + job }
            var text = " " + Formatters.clock(event.at) + " " + event.kind.rawValue
            if !where_.isEmpty { text += " " + where_ }
            if let attempt = event.attempt, attempt > 1 { text += " #\(attempt)" }
            if let detail = event.detail { text += ": " + detail }
            let future = i > current
            let style = future ? t.style(.muted) : toneStyle(event, t)
            buf.put(text, x: rect.x, y: rect.y + offset, width: rect.width, alignment: .left, style: style, ellipsis: t.ellipsis)
            if i == current {
                buf.addAttributes(.reverse, in: Rect(x: rect.x, y: rect.y + offset, width: rect.width, height: 1))
            }
        }
    }

    static func toneStyle(_ event: StatusEvent, _ t: Theme) -> Style {
        switch event.kind {
        case .jobFailed, .jobTimedOut, .jobInterrupted: t.style(.danger)
        case .awaitingApproval: t.style(.warn)
        case .jobSucceeded: t.style(.good)
        case .phaseCompleted, .runFinished:
            event.detail == "succeeded" ? t.style(.good) : event.detail == "cancelled" ? t.style(.muted) : t.style(.danger)
        default: .plain
        }
    }
}

extension String {
    func trimmingLeadingSpaces() -> String { String(drop { $0 == " " }) }
}
