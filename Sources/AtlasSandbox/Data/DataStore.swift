import Foundation
import Synchronization

/// Lazily generated, step-aware collection data for every cluster.
///
/// A cluster's collections are only generated when something asks for them, then cached with the step they
/// were computed for and rolled forward on demand, so a 200-project organisation starts instantly.
final class DataStore: Sendable {
    let seed: UInt64
    private struct State {
        var step = 0
        var cache: [String: ClusterData] = [:]
    }
    private let state = Mutex(State())

    init(seed: UInt64) { self.seed = seed }

    /// The organisation's current step (0 at start).
    var step: Int { state.withLock { $0.step } }

    /// Moves time forward; data for each cluster catches up when next read.
    func advance(by steps: Int) {
        state.withLock { $0.step += max(0, steps) }
    }

    /// The cluster's data at the current step.
    func data(for cluster: ClusterSpec) -> ClusterData {
        let (step, cached) = state.withLock { ($0.step, $0.cache[cluster.id]) }
        // Generation runs outside the lock; two racing readers compute the same deterministic value.
        let base = cached ?? ClusterData.initial(seed: seed, cluster: cluster)
        let current = base.advanced(seed: seed, cluster: cluster, to: step)
        state.withLock { state in
            if let existing = state.cache[cluster.id], existing.step >= current.step { return }
            state.cache[cluster.id] = current
        }
        return current
    }
}
