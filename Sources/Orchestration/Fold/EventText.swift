import Foundation

/// One event as a line of text, for the log and `trotter machines run`.
public enum EventText {
    /// - Parameter number: the event's 1-based position in its run (what `runs show --at` takes); the store's
    ///   global `seq` when not given.
    public static func line(_ event: StatusEvent, number: Int? = nil) -> String {
        var parts = ["#\(number.map(String.init) ?? String(event.seq))", event.kind.rawValue]
        if let phase = event.phase { parts.append("phase=\(phase)") }
        if let job = event.job { parts.append("job=\(job)") }
        if let attempt = event.attempt { parts.append("attempt=\(attempt)") }
        if let detail = event.detail, !detail.isEmpty {
            let oneLine = detail.replacingOccurrences(of: "\n", with: " ⏎ ")
            parts.append("— " + (oneLine.count > 200 ? "…" + String(oneLine.suffix(200)) : oneLine))
        }
        return parts.joined(separator: " ")
    }
}
