import Synchronization

/// Wakes a waiting claimer when a notice arrives, or lets it time out and poll. A ring with nobody waiting is
/// kept (once) for the next wait, so a notice that lands between a claim that found nothing and the wait is
/// not lost.
public final class Doorbell: Sendable {
    private struct State {
        var rung = false
        var nextWaiter = 0
        /// Waits begun and not yet answered; `expired` holds those whose timeout fired before they parked.
        var pending: Set<Int> = []
        var expired: Set<Int> = []
        var waiters: [Int: CheckedContinuation<Bool, Never>] = [:]
    }

    private let state = Mutex(State())

    public init() {}

    /// Wakes every waiter (or the next one to wait).
    public func ring() {
        let woken = state.withLock { state -> [CheckedContinuation<Bool, Never>] in
            guard !state.waiters.isEmpty else {
                state.rung = true
                return []
            }
            defer {
                state.pending.subtract(state.waiters.keys)
                state.waiters = [:]
            }
            return Array(state.waiters.values)
        }
        for waiter in woken { waiter.resume(returning: true) }
    }

    /// Wakes one waiter (or the next one to wait): for work one taker can start and pass the word on, instead of
    /// every idle taker of every server querying for one job.
    public func ringOne() {
        let woken = state.withLock { state -> CheckedContinuation<Bool, Never>? in
            guard let (id, waiter) = state.waiters.first else {
                state.rung = true
                return nil
            }
            state.waiters.removeValue(forKey: id)
            state.pending.remove(id)
            return waiter
        }
        woken?.resume(returning: true)
    }

    /// - Returns: true when rung, false after `timeout` (or on cancellation).
    public func wait(timeout: Duration) async -> Bool {
        let id = state.withLock { state -> Int? in
            if state.rung {
                state.rung = false
                return nil
            }
            state.nextWaiter += 1
            state.pending.insert(state.nextWaiter)
            return state.nextWaiter
        }
        guard let id else { return true }
        let timer = Task { [weak self] in
            try? await Task.sleep(for: timeout)
            self?.expire(id)
        }
        defer { timer.cancel() }
        return await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                let early = state.withLock { state -> Bool? in
                    if state.expired.remove(id) != nil {
                        state.pending.remove(id)
                        return false
                    }
                    if state.rung {
                        state.rung = false
                        state.pending.remove(id)
                        return true
                    }
                    state.waiters[id] = continuation
                    return nil
                }
                if let early { continuation.resume(returning: early) }
            }
        } onCancel: {
            expire(id)
        }
    }

    /// Answers wait `id` with false: now if it is parked, when it parks otherwise; a finished wait is left alone.
    private func expire(_ id: Int) {
        let waiter = state.withLock { state -> CheckedContinuation<Bool, Never>? in
            guard state.pending.contains(id) else { return nil }
            guard let waiter = state.waiters.removeValue(forKey: id) else {
                state.expired.insert(id)
                return nil
            }
            state.pending.remove(id)
            return waiter
        }
        waiter?.resume(returning: false)
    }
}
