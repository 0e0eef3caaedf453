import Synchronization

/// Wakes a waiting loop: a signal sent while nobody waits is kept for the next wait. A wait also ends at its
/// timeout, when given, or when its task is cancelled; neither of those leaves a signal behind (an earlier
/// version's timer signalled even when cancelled, so every wait after the first returned at once: a busy loop).
package final class WakeSignal: Sendable {
    private struct Waiter { var id: UInt64; var continuation: CheckedContinuation<Void, Never> }
    private struct State { var pending = false; var waiter: Waiter?; var nextID: UInt64 = 0 }
    private let state = Mutex(State())

    package init() {}

    package func signal() {
        let waiter = state.withLock { state -> Waiter? in
            guard let waiter = state.waiter else { state.pending = true; return nil }
            state.waiter = nil
            return waiter
        }
        waiter?.continuation.resume()
    }

    /// Returns at the next signal (at once when one is pending), after `timeout` when given, or on cancellation.
    /// One task waits at a time.
    package func wait(upTo timeout: Duration? = nil) async {
        let id = state.withLock { state -> UInt64 in state.nextID &+= 1; return state.nextID }
        let timer = timeout.map { timeout in
            Task { [weak self] in
                // A cancelled timer ends here, quietly: only a timer that ran out ends the wait.
                do { try await Task.sleep(for: timeout) } catch { return }
                self?.release(id)
            }
        }
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let resumeNow = state.withLock { state -> Bool in
                    if state.pending { state.pending = false; return true }
                    // Checked under the lock that `release` takes, so a cancellation is never missed.
                    if Task.isCancelled { return true }
                    state.waiter = Waiter(id: id, continuation: continuation)
                    return false
                }
                if resumeNow { continuation.resume() }
            }
        } onCancel: {
            release(id)
        }
        timer?.cancel()
    }

    /// Ends the wait `id` if it is still waiting, without leaving a pending signal.
    private func release(_ id: UInt64) {
        let waiter = state.withLock { state -> Waiter? in
            guard let waiter = state.waiter, waiter.id == id else { return nil }
            state.waiter = nil
            return waiter
        }
        waiter?.continuation.resume()
    }
}
