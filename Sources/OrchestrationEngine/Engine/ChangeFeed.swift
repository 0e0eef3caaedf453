import Synchronization

/// Fans out "this run changed" to every subscriber of ``OrchestrationEngine/changes()``.
final class ChangeFeed: Sendable {
    private let continuations = Mutex<[Int: AsyncStream<String>.Continuation]>([:])
    private let nextID = Atomic<Int>(0)

    func subscribe() -> AsyncStream<String> {
        let (stream, continuation) = AsyncStream<String>.makeStream(bufferingPolicy: .bufferingNewest(256))
        let id = nextID.add(1, ordering: .relaxed).newValue
        continuation.onTermination = { [weak self] _ in self?.continuations.withLock { _ = $0.removeValue(forKey: id) } }
        continuations.withLock { $0[id] = continuation }
        return stream
    }

    func publish(_ runID: String) {
        for continuation in continuations.withLock({ Array($0.values) }) { continuation.yield(runID) }
    }
}
