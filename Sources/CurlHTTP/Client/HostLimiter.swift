import Synchronization

/// Bounds transfers in flight per `scheme://host:port`. Waiters queue in order; cancelling a waiter removes it.
final class HostLimiter: Sendable {
    private struct Waiter {
        let id: UInt64
        let continuation: CheckedContinuation<Void, any Error>
    }

    private struct Host {
        var inUse = 0
        var waiters: [Waiter] = []
    }

    private struct State {
        var hosts: [String: Host] = [:]
        var nextID: UInt64 = 0
    }

    private let limit: Int
    private let state = Mutex(State())

    init(limit: Int) { self.limit = max(1, limit) }

    /// Waits for a slot on `host`. Throws `.cancelled` if the task is cancelled while waiting.
    func acquire(_ host: String) async throws(HTTPError) {
        let id = state.withLock { $0.nextID += 1; return $0.nextID }
        do {
            try await withTaskCancellationHandler {
                try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                    let immediate: Result<Void, HTTPError>? = state.withLock { s in
                        if Task.isCancelled { return .failure(HTTPError(.cancelled)) }
                        if s.hosts[host, default: Host()].inUse < limit {
                            s.hosts[host, default: Host()].inUse += 1
                            return .success(())
                        }
                        s.hosts[host, default: Host()].waiters.append(Waiter(id: id, continuation: continuation))
                        return nil
                    }
                    if let immediate { continuation.resume(with: immediate.mapError { $0 as any Error }) }
                }
            } onCancel: {
                let waiter: Waiter? = state.withLock { s in
                    guard let i = s.hosts[host]?.waiters.firstIndex(where: { $0.id == id }) else { return nil }
                    return s.hosts[host]?.waiters.remove(at: i)
                }
                waiter?.continuation.resume(throwing: HTTPError(.cancelled))
            }
        } catch {
            throw HTTPError(.cancelled)
        }
    }

    /// Gives the slot to the next waiter, or frees it.
    func release(_ host: String) {
        let next: Waiter? = state.withLock { s in
            guard var h = s.hosts[host] else { return nil }
            if !h.waiters.isEmpty {
                let w = h.waiters.removeFirst()  // the slot passes over; inUse stays
                s.hosts[host] = h
                return w
            }
            h.inUse -= 1
            s.hosts[host] = h.inUse > 0 ? h : nil
            return nil
        }
        next?.continuation.resume()
    }

    /// Slots in use on `host` (for tests).
    func inUse(_ host: String) -> Int { state.withLock { $0.hosts[host]?.inUse ?? 0 } }
}
