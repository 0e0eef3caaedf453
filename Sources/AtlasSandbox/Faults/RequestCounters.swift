import Synchronization

/// How many requests each path received, for tests that check what a client did.
final class RequestCounters: Sendable {
    private let counts = Mutex<[String: Int]>([:])

    func record(_ path: String) { counts.withLock { $0[path, default: 0] += 1 } }

    func count(_ path: String) -> Int { counts.withLock { $0[path] ?? 0 } }

    func all() -> [String: Int] { counts.withLock { $0 } }
}
