import Foundation
import Synchronization
import Testing
@testable import DashboardModel
@testable import Orchestration
@testable import TrotterStore

/// The store's change signal: at once for a commit through the same store, soon for another connection's
/// (another process), nothing while nothing is written.
@Suite(.enabled(if: !TestStore.onPostgres, "SQLite files and PRAGMA data_version: the PostgreSQL watch has its own tests"))
struct StoreLogChangesTests {
    /// Counts the wakes of a store's watch.
    final class Counter: Sendable {
        let count = Mutex(0)
        var value: Int { count.withLock { $0 } }
        func bump() { count.withLock { $0 += 1 } }

        /// True when the count passes `base` within `limit`.
        func passes(_ base: Int, within limit: Duration) async throws -> Bool {
            let deadline = ContinuousClock.now + limit
            while value <= base, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(5)) }
            return value > base
        }
    }

    @Test func commitsHereAndElsewhereWakeAWatcherAndNothingElseDoes() async throws {
        let fixture = try await EngineFixture()
        let other = try Store(path: fixture.store.path)   // another connection, as another process has
        let (here, there) = (Counter(), Counter())
        let ids = (fixture.store.watch.add { here.bump() }, other.watch.add { there.bump() })
        defer { fixture.store.watch.remove(ids.0); other.watch.remove(ids.1) }
        // Each poller's first reading wakes once (late on a loaded machine); then nothing should.
        let started = (try await here.passes(0, within: .seconds(20)), try await there.passes(0, within: .seconds(20)))
        #expect(started == (true, true))
        try await Task.sleep(for: .milliseconds(300))
        let quiet = (here.value, there.value)
        try await Task.sleep(for: .milliseconds(700))
        #expect(here.value == quiet.0 && there.value == quiet.1, "no write, no wake")

        try await fixture.store.append(StatusEvent(id: UUID().uuidString, runID: "r", kind: .runStarted))
        #expect(try await here.passes(quiet.0, within: .milliseconds(150)), "a commit through the store wakes at once")
        // `other` sees it through PRAGMA data_version only: its own observation saw no commit of its own.
        #expect(try await there.passes(quiet.1, within: .seconds(2)), "another connection's commit is noticed")

        var changes = fixture.store.logChanges().makeAsyncIterator()
        try await fixture.store.append(StatusEvent(id: UUID().uuidString, runID: "r", kind: .runStarted))
        #expect(await changes.next() != nil)
    }
}
