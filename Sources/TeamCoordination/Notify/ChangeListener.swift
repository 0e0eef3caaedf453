import Logging
import PostgresNIO

/// Listens for change notices on a connection of its own (a pooled one would be handed to other queries).
/// PostgreSQL drops notices sent while nobody listens, so every (re)connect says `.listening` and every loss
/// `.lost`: "you may have missed some, look now". A claimer that also polls on a timer never depends on a notice.
public final class ChangeListener: Sendable {
    public enum Signal: Sendable, Equatable {
        /// LISTEN is in effect (after each connect): anything notified from now on arrives.
        case listening
        case notice(ChangeNotice)
        /// The connection dropped; notices until the next `.listening` are lost.
        case lost
    }

    let url: DatabaseURL
    let topics: Set<String>?
    let logger: Logger
    let onSignal: @Sendable (Signal) -> Void
    let channel: String

    /// - Parameter channel: the NOTIFY channel (the coordination layer's by default; the store has its own).
    public init(url: DatabaseURL, topics: Set<String>?, logger: Logger, channel: String = ChangeNotice.channel,
                onSignal: @escaping @Sendable (Signal) -> Void) {
        self.channel = channel
        self.url = url
        self.topics = topics
        self.logger = logger
        self.onSignal = onSignal
    }

    /// Listens until the task is cancelled, reconnecting with backoff (0.25 s doubling to 5 s) when the
    /// connection drops.
    public func run() async {
        var backoff: Duration = .milliseconds(250)
        while !Task.isCancelled {
            do {
                let connection = try await PostgresConnection.connect(
                    configuration: Coordinator.connectionConfiguration(url), id: 1, logger: logger)
                backoff = .milliseconds(250)
                defer { Task { try? await connection.close() } }
                try await withTaskCancellationHandler {
                    try await connection.listen(on: channel) { notifications in
                        onSignal(.listening)
                        for try await notification in notifications {
                            guard let notice = ChangeNotice(payload: notification.payload),
                                  topics?.contains(notice.topic) ?? true else { continue }
                            onSignal(.notice(notice))
                        }
                    }
                } onCancel: {
                    connection.close().whenComplete { _ in }
                }
            } catch {
                guard !Task.isCancelled else { return }
                let mapped = PostgresErrorMapping.map(error, url: url, doing: "listening for notices")
                logger.warning("notice listener lost its connection; reconnecting",
                               metadata: ["error": "\(mapped)", "retryIn": "\(backoff)"])
            }
            onSignal(.lost)
            try? await Task.sleep(for: backoff)
            backoff = min(backoff * 2, .seconds(5))
        }
    }
}
