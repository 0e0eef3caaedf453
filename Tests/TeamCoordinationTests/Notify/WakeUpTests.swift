import Logging
import PostgresNIO
import Synchronization
@testable import TeamCoordination
import Testing

extension CoordinationSuite {
    /// A waiting claimer wakes on NOTIFY in well under its poll interval, and still finds work that arrived
    /// with no notice, by polling.
    @Suite struct WakeUpTests {
        /// Events of a runner in the background, with the time each arrived.
        final class Recorder: Sendable {
            private let events = Mutex<[(ContinuousClock.Instant, JobRunner.Event)]>([])
            func record(_ event: JobRunner.Event) { events.withLock { $0.append((.now, event)) } }
            func started(_ id: Int64) -> ContinuousClock.Instant? {
                events.withLock { $0.first { if case .started(let job) = $1 { job.id == id } else { false } }?.0 }
            }
            var listening: Bool { events.withLock { $0.contains { if case .listening = $1 { true } else { false } } } }
        }

        static func waitFor(_ what: String, timeout: Duration = .seconds(10), _ condition: () -> Bool) async throws {
            let deadline = ContinuousClock.now + timeout
            while !condition() {
                try #require(ContinuousClock.now < deadline, "timed out waiting for \(what)")
                try await Task.sleep(for: .milliseconds(5))
            }
        }

        @Test func aNoticeWakesAWaitingClaimer() async throws {
            let coordinator = try await Coordinator.connect(url: PostgresCluster.freshDatabase(), logger: PostgresCluster.logger)
            defer { Task { await coordinator.close() } }
            let recorder = Recorder()
            let runner = JobRunner(coordinator: coordinator, server: "a", pollInterval: .seconds(30))
            let task = Task { await runner.run(events: recorder.record) { _ in "ok" } }
            defer { task.cancel() }
            try await Self.waitFor("the listener") { recorder.listening }
            var latencies: [Duration] = []
            for round in 0..<20 {
                try await Task.sleep(for: .milliseconds(50)) // the claimer is parked on its doorbell again
                let sent = ContinuousClock.now
                let id = try #require(try await coordinator.queue.enqueue([NewJob(runID: "r", key: "k\(round)")]).first)
                try await Self.waitFor("job \(id) to start") { recorder.started(id) != nil }
                latencies.append(try #require(recorder.started(id)) - sent)
            }
            latencies.sort()
            print("notify wake-up over 20 jobs: median \(latencies[10]), max \(latencies[19]) (poll interval 30 s)")
            #expect(latencies[19] < .seconds(1))
        }

        @Test func pollingFindsAJobThatCameWithNoNotice() async throws {
            let url = try await PostgresCluster.freshDatabase()
            let coordinator = try await Coordinator.connect(url: url, logger: PostgresCluster.logger)
            defer { Task { await coordinator.close() } }
            let recorder = Recorder()
            let runner = JobRunner(coordinator: coordinator, server: "a", pollInterval: .milliseconds(500))
            let task = Task { await runner.run(events: recorder.record) { _ in "ok" } }
            defer { task.cancel() }
            try await Self.waitFor("the listener") { recorder.listening }
            try await Task.sleep(for: .milliseconds(100))
            let sent = ContinuousClock.now
            // Behind the queue's back: a row and no NOTIFY, as if the notice had been lost.
            let id = try await PostgresCluster.withConnection(url) { connection in
                let rows = try await connection.query(
                    "INSERT INTO coordination_jobs (run_id, job_key) VALUES ('r', 'silent') RETURNING id",
                    logger: PostgresCluster.logger)
                var id: Int64 = 0
                for try await value in rows.decode(Int64.self) { id = value }
                return id
            }
            try await Self.waitFor("the poll to find job \(id)", timeout: .seconds(5)) { recorder.started(id) != nil }
            let latency = try #require(recorder.started(id)) - sent
            print("polling picked up a job with no notice after \(latency) (poll interval 500 ms)")
            #expect(latency < .milliseconds(1500))
        }
    }
}
