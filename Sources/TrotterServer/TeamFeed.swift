import DashboardModel
import Foundation
import Manager

/// The change stream's source: every new manager snapshot appends one event to the store (so ids survive a
/// restart), and `events(after:wait:)` answers as soon as there is something after the client's last id.
actor TeamFeed {
    let team: TeamStore
    private var newest: Int64 = 0
    private var waiters: [UUID: CheckedContinuation<Void, Never>] = [:]
    private var task: Task<Void, Never>?
    private var stopped = false

    init(team: TeamStore) { self.team = team }

    /// Follows the manager's snapshots; one "start" event first so clients that were connected refetch.
    func start(manager: EmbeddedManager) async throws {
        newest = try await team.appendEvent(kind: "start")
        try await team.trimEvents()
        let snapshots = manager.snapshots()
        task = Task { [weak self] in
            var first = true
            for await _ in snapshots {
                // The first one is the state the "start" event already announced.
                if first { first = false; continue }
                await self?.changed()
            }
        }
    }

    /// Ends the feed: waiting stream requests answer at once, so the server can stop without waiting for them.
    func stop() { stopped = true; task?.cancel(); wakeAll() }

    private func changed() async {
        guard let id = try? await team.appendEvent(kind: "snapshot") else { return }
        newest = max(newest, id)
        wakeAll()
    }

    func newestID() async throws -> Int64 { newest }

    var isStopped: Bool { stopped }

    /// Events after `id`; when there are none yet, waits up to `wait` for one.
    func events(after id: Int64, wait: Duration) async throws -> [TeamEvent] {
        let deadline = ContinuousClock.now + wait
        while true {
            let found = try await team.events(after: id)
            if !found.isEmpty || stopped || ContinuousClock.now >= deadline || Task.isCancelled { return found }
            await sleepUntilChange(deadline: deadline)
        }
    }

    private func sleepUntilChange(deadline: ContinuousClock.Instant) async {
        let key = UUID()
        let timer = Task { [weak self] in
            try? await Task.sleep(until: min(deadline, ContinuousClock.now + .milliseconds(500)))
            await self?.wake(key)
        }
        await withCheckedContinuation { waiters[key] = $0 }
        timer.cancel()
    }

    private func wake(_ key: UUID) { waiters.removeValue(forKey: key)?.resume() }

    private func wakeAll() {
        let all = waiters
        waiters.removeAll()
        for c in all.values { c.resume() }
    }
}
