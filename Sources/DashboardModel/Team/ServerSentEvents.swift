/// The text/event-stream format (WHATWG HTML, "Server-sent events"): `id:` and `event:` lines, a blank line ends
/// an event. Only what the team stream uses: an id and an event name per event.
public enum ServerSentEvents {
    public static func render(_ events: [TeamEvent]) -> String {
        events.map { "id: \($0.id)\nevent: \($0.kind)\ndata: {\"id\":\($0.id),\"kind\":\"\($0.kind)\"}\n\n" }.joined()
    }

    /// Events with a numeric id, in order; comments (`:` lines) and fields it does not know are skipped.
    public static func parse(_ text: String) -> [TeamEvent] {
        var out: [TeamEvent] = []
        var id: Int64?
        var kind = "message"
        // CRLF is one Character in Swift, so lines are split on any of the three line ends the format allows.
        for line in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }) {
            if line.isEmpty {
                if let id { out.append(TeamEvent(id: id, kind: kind)) }
                id = nil; kind = "message"
                continue
            }
            if line.hasPrefix(":") { continue }
            let parts = line.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
            let field = parts[0]
            var value = parts.count > 1 ? parts[1] : ""
            if value.hasPrefix(" ") { value = value.dropFirst() }
            switch field {
            case "id": id = Int64(value)
            case "event": kind = String(value)
            default: break
            }
        }
        return out
    }
}
