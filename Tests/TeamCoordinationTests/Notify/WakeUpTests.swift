import Logging
import PostgresNIO
import Synchronization
import Testing
@testable import TeamCoordination

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

        /// A runner in the background on a fresh database, once its listener is in effect.
        struct Running {
            var url: DatabaseURL
            var coordinator: Coordinator
            var recorder = Recorder()
            var task: Task<Void, Never>

            init(pollInterval: Duration, work: @escaping @Sendable (ClaimedJob) async throws -> String = { _ in "ok" }) async throws {
                url = try await PostgresCluster.freshDatabase()
                coordinator = try await Coordinator.connect(url: url, logger: PostgresCluster.logger)
                let runner = JobRunner(coordinator: coordinator, server: "a", pollInterval: pollInterval)
                task = Task { [recorder] in await runner.run(events: recorder.record, work: work) }
                try await WakeUpTests.waitFor("the listener") { [recorder] in recorder.listening }
            }

            func stop() {
                task.cancel()
                let coordinator = coordinator
                Task { await coordinator.close() }
            }
        }

        @Test func aNoticeWakesAWaitingClaimer() async throws {
            let running = try await Running(pollInterval: .seconds(30))
            defer { running.stop() }
            let (coordinator, recorder) = (running.coordinator, running.recorder)
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
            let running = try await Running(pollInterval: .milliseconds(500))
            defer { running.stop() }
            let (url, recorder) = (running.url, running.recorder)
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

        @Test func aStoppingRunnerGivesItsJobBack() async throws {
            let running = try await Running(pollInterval: .seconds(30)) { _ in
                try await Task.sleep(for: .seconds(60))
                return "never"
            }
            let queue = running.coordinator.queue
            let id = try #require(try await queue.enqueue([NewJob(runID: "r", key: "long")]).first)
            try await Self.waitFor("job \(id) to start") { running.recorder.started(id) != nil }
            running.task.cancel()
            await running.task.value
            let record = try #require(try await queue.records().first)
            #expect(record.state == "queued" && record.attempts == 0, "handed back, not left to its lease: \(record)")
            #expect(try await queue.claim(by: "b").first?.id == id)
            running.stop()
        }
    }
}
