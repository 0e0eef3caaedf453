import DashboardViews
import Synchronization

/// Messages from other threads (manager snapshots, effect results) for the UI loop. Snapshots are
/// latest-wins: an older one still waiting is replaced, so a burst of changes costs one frame.
final class Inbox: Sendable {
    private let queue = Mutex<[Message]>([])
    private let pipe: WakePipe

    init(pipe: WakePipe) { self.pipe = pipe }

    func post(_ message: Message) {
        queue.withLock { q in
            if case .snapshot = message, let i = q.lastIndex(where: { if case .snapshot = $0 { true } else { false } }) {
                q.remove(at: i)
            }
            q.append(message)
        }
        pipe.wake()
    }

    func takeAll() -> [Message] {
        queue.withLock { q in
            defer { q.removeAll() }
            return q
        }
    }
}
