import DashboardModel
import Foundation
import Orchestration

/// `w`: the selected job as of the cursor: why it was skipped (its condition and the outcomes it was evaluated
/// on), then every attempt with its start, end, outcome and output tail.
public enum WhyView {
    public static func render(into buf: inout ScreenBuffer, _ ins: InspectorState, rect: Rect, ctx: RenderContext) {
        let t = ctx.theme
        var y = rect.y
        // Long lines wrap at spaces (conditions and outputs are the point here), continuing indented.
        func line(_ text: String, _ style: Style = .plain) {
            for (i, part) in wrap(text, width: max(8, rect.width - 3)).enumerated() where y < rect.maxY {
                buf.put((i == 0 ? " " : "   ") + part, x: rect.x, y: y, maxWidth: rect.width, style: style, ellipsis: t.ellipsis)
                y += 1
            }
        }
        guard let job = ins.selectedJobName, let log = ins.log else {
            line("No job selected.", t.style(.muted))
            return
        }
        line("Job \(job) as of event \(ins.cursor)", t.columnHeader)
        if let why = log.whySkipped(job: job, asOf: ins.cursor) {
            line("Skipped: " + why, t.style(.warn))
        } else if let when = log.definition.job(named: job)?.job.when {
            line("Runs when \"\(when)\"", t.style(.muted))
        }
        let attempts = ins.attempts.attempts(of: job).filter { $0.startEvent <= ins.cursor }
        if attempts.isEmpty { line("No attempt started yet.", t.style(.muted)); return }
        for a in attempts {
            let outcome = a.outcome(asOf: ins.cursor)
            var text = "#\(a.attempt)  \(Formatters.clock(a.start))"
            if let outcome, let end = a.end, let endEvent = a.endEvent {
                text += " → \(Formatters.clock(end))  \(Formatters.duration(end.timeIntervalSince(a.start)))  \(label(outcome))"
                text += "  (events \(a.startEvent)–\(endEvent))"
            } else {
                text += "  running  (event \(a.startEvent))"
            }
            line(text, style(outcome, t))
            // The output tail, as the engine kept it: its last lines, each cut to the width.
            if outcome != nil, let detail = a.detail, !detail.isEmpty, y < rect.maxY {
                for tail in detail.split(separator: "\n").suffix(3) where y < rect.maxY {
                    buf.put("     " + tail, x: rect.x, y: y, maxWidth: rect.width, style: t.style(.muted), ellipsis: t.ellipsis)
                    y += 1
                }
            }
        }
    }

    static func wrap(_ text: String, width: Int) -> [String] {
        var lines: [String] = [], current = ""
        for word in text.split(separator: " ", omittingEmptySubsequences: false) {
            if !current.isEmpty, DisplayWidth.of(current) + 1 + DisplayWidth.of(String(word)) > width {
                lines.append(current)
                current = ""
            }
            current += (current.isEmpty ? "" : " ") + word
        }
        return lines + [current]
    }

    static func label(_ kind: StatusEventKind) -> String {
        switch kind {
        case .jobSucceeded: "succeeded"
        case .jobFailed: "failed"
        case .jobTimedOut: "timed out"
        case .jobInterrupted: "interrupted"
        case .jobCancelled: "cancelled"
        default: "ended with the run"
        }
    }

    static func style(_ outcome: StatusEventKind?, _ t: Theme) -> Style {
        switch outcome {
        case nil: t.style(.accent)
        case .jobSucceeded?: t.style(.good)
        case .jobFailed?, .jobTimedOut?: t.style(.danger)
        case .jobInterrupted?: t.style(.warn)
        default: t.style(.muted)
        }
    }
}
