import Foundation

/// What the notification step says about an event: a Slack-compatible `{"text": ...}` message, or nothing for
/// events people need not hear about. Pure.
package enum NotificationMessage {
    package static func text(for event: StatusEvent, machine: String) -> String? {
        let run = "\(machine) run \(event.runID)"
        switch event.kind {
        case .runFinished:
            let status = event.detail ?? "finished"
            let mark = status == RunStatus.succeeded.rawValue ? "✅" : status == RunStatus.cancelled.rawValue ? "⏹" : "❌"
            return "\(mark) \(run) \(status)"
        case .jobFailed, .jobTimedOut:
            let what = event.kind == .jobFailed ? "failed" : "timed out"
            let detail = event.detail.map { ": \(String($0.suffix(300)))" } ?? ""
            return "⚠️ \(run): job \(event.job ?? "?") attempt \(event.attempt ?? 0) \(what)\(detail)"
        case .awaitingApproval:
            return "⏸ \(run) waits for approval of phase \(event.phase ?? "?"): trotter runs approve \(event.runID)"
        default:
            return nil
        }
    }

    package static func slackJSON(_ text: String) -> Data {
        (try? JSONEncoder().encode(["text": text])) ?? Data()
    }
}
