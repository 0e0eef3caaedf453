import DashboardModel
import Foundation

extension TeamResponse {
    /// Seconds between `: idle` comments on a quiet stream: they keep proxies from closing it and let the client
    /// tell a live server from a silent (paused, unplugged) one within its 15 s low-speed check.
    static let heartbeat: Duration = .seconds(5)
    /// 64 bytes a beat: libcurl's low-speed check (1 byte/s) averages over about five seconds; an 8-byte comment
    /// every five seconds passed it too (SilentServerTests), 64 leaves room for a late beat.
    static let idleComment = Array((": idle" + String(repeating: " ", count: 56) + "\n\n").utf8)

    /// `GET /v1/events` held open: every event after `after` as it is appended, in order, each once. It ends when
    /// the server stops (so a graceful stop does not wait on it) or when the client is gone (a write fails).
    static func eventStream(feed: TeamFeed, after: Int64) -> TeamResponse {
        var response = TeamResponse(status: 200, contentType: "text/event-stream", body: [])
        response.stream = { write in
            var last = after
            // At once, so the client knows the stream is open before the first change.
            try await write(Array(": stream\n\n".utf8))
            while !Task.isCancelled {
                let events = try await feed.events(after: last, wait: heartbeat)
                if await feed.isStopped { return }
                if let newest = events.last?.id {
                    try await write(Array(ServerSentEvents.render(events).utf8))
                    last = newest
                } else {
                    try await write(idleComment)
                }
            }
        }
        return response
    }
}
