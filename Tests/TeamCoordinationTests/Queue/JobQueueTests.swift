import Logging
import Synchronization
import TeamCoordination
import Testing

extension CoordinationSuite {
    /// The queue's rules on a real database: one claimant per job, fences refusing a stale holder's writes,
    /// takeover after a lease, heartbeats keeping a lease, retries, and finished jobs never claimed again.
    @Suite struct JobQueueTests {
        static func coordinator() async throws -> Coordinator {
            try await Coordinator.connect(url: PostgresCluster.freshDatabase(), logger: PostgresCluster.logger)
        }

        static func jobs(_ count: Int, run: String = "run-1") -> [NewJob] {
            (0..<count).map { NewJob(runID: run, key: "job-\($0)", payload: #"{"project":"p\#($0)"}"#) }
        }

        @Test func enqueueingTheSameJobTwiceAddsItOnce() async throws {
            let coordinator = try await Self.coordinator()
            defer { Task { await coordinator.close() } }
            let first = try await coordinator.queue.enqueue(Self.jobs(5))
            let second = try await coordinator.queue.enqueue(Self.jobs(7))
            #expect(first.count == 5 && second.count == 2)
            #expect(try await coordinator.queue.counts(runID: "run-1") == JobCounts(queued: 7))
        }

        @Test func concurrentClaimersEachGetDifferentJobs() async throws {
            let coordinator = try await Self.coordinator()
            defer { Task { await coordinator.close() } }
            let ids = Set(try await coordinator.queue.enqueue(Self.jobs(200)))
            let claimed = try await withThrowingTaskGroup(of: [Int64].self) { group in
                for claimer in 0..<8 {
                    group.addTask {
                        var mine: [Int64] = []
                        while true {
                            let batch = try await coordinator.queue.claim(by: "s\(claimer)", limit: 5)
                            if batch.isEmpty { return mine }
                            mine += batch.map(\.id)
                        }
                    }
                }
                return try await group.reduce(into: [Int64]()) { $0 += $1 }
            }
            #expect(claimed.count == 200 && Set(claimed) == ids)
            #expect(try await coordinator.queue.counts(runID: "run-1") == JobCounts(claimed: 200))
        }

        @Test func aRunnerOfOneLaneClaimsOnlyThatLanesJobs() async throws {
            let coordinator = try await Self.coordinator()
            defer { Task { await coordinator.close() } }
            let queue = coordinator.queue
            try await queue.enqueue([NewJob(runID: "run-1", key: "collect", lane: "collections"),
                                     NewJob(runID: "run-1", key: "user", lane: "jobs"),
                                     NewJob(runID: "run-1", key: "plain")])
            #expect(try await queue.claim(by: "a", limit: 5, lane: "jobs").map(\.key) == ["user"])
            #expect(try await queue.claim(by: "a", limit: 5, lane: "jobs").isEmpty, "the other lanes' jobs are left")
            #expect(try await queue.claim(by: "b", limit: 5, lane: "collections").map(\.key) == ["collect"])
            #expect(try await queue.claim(by: "c", limit: 5).map(\.key) == ["plain"], "no lane: the default lane's too")
        }

        @Test func aStaleFenceIsRefusedAndTheNewHolderFinishes() async throws {
            let coordinator = try await Self.coordinator()
            defer { Task { await coordinator.close() } }
            let queue = coordinator.queue
            try await queue.enqueue(Self.jobs(1))
            let old = try #require(try await queue.claim(by: "a", lease: .milliseconds(300)).first)
            #expect(old.fence == 1 && old.attempt == 1 && old.takenOverFrom == nil)
            #expect(try await queue.claim(by: "b", lease: .seconds(5)).isEmpty, "a holds it while its lease runs")
            try await Task.sleep(for: .milliseconds(500))
            let new = try #require(try await queue.claim(by: "b", lease: .seconds(5)).first)
            #expect(new.id == old.id && new.fence == 2 && new.attempt == 2 && new.takenOverFrom == "a")
            for write in [{ try await queue.complete(old, result: "a's") }, { try await queue.heartbeat(old) },
                          { _ = try await queue.fail(old, message: "a's") }, { try await queue.release(old) }] {
                await #expect { try await write() } throws: { ($0 as? CoordinationError)?.code == .staleFence }
            }
            var record = try #require(try await queue.records().first)
            #expect(record.state == "claimed" && record.claimedBy == "b" && record.fence == 2 && record.result == nil)
            try await queue.complete(new, result: "b's")
            record = try #require(try await queue.records().first)
            #expect(record.state == "done" && record.finishedBy == "b" && record.result == "b's")
            try await Task.sleep(for: .milliseconds(400))
            #expect(try await queue.claim(by: "c").isEmpty, "a finished job is never claimed again")
            await #expect { try await queue.complete(new) } throws: { ($0 as? CoordinationError)?.code == .staleFence }
        }

        @Test func heartbeatsKeepTheLease() async throws {
            let coordinator = try await Self.coordinator()
            defer { Task { await coordinator.close() } }
            let queue = coordinator.queue
            try await queue.enqueue(Self.jobs(1))
            let job = try #require(try await queue.claim(by: "a", lease: .milliseconds(400)).first)
            for _ in 0..<8 {
                try await Task.sleep(for: .milliseconds(130))
                try await queue.heartbeat(job, lease: .milliseconds(400))
                #expect(try await queue.claim(by: "b").isEmpty)
            }
            try await queue.complete(job)
            #expect(try await queue.counts(runID: "run-1") == JobCounts(done: 1))
        }

        @Test func failuresRetryUntilTheirLastAttempt() async throws {
            let coordinator = try await Self.coordinator()
            defer { Task { await coordinator.close() } }
            let queue = coordinator.queue
            try await queue.enqueue([NewJob(runID: "run-1", key: "flaky", maxAttempts: 2)])
            let first = try #require(try await queue.claim(by: "a").first)
            #expect(try await queue.fail(first, message: "429", retryAfter: .milliseconds(300)))
            #expect(try await queue.claim(by: "a").isEmpty, "not before its retry delay")
            try await Task.sleep(for: .milliseconds(400))
            let second = try #require(try await queue.claim(by: "b").first)
            #expect(second.attempt == 2 && second.fence == 2)
            #expect(try await queue.fail(second, message: "429 again") == false)
            let record = try #require(try await queue.records().first)
            #expect(record.state == "failed" && record.finishedBy == "b" && record.result == "429 again")
            #expect(try await queue.counts(runID: "run-1").isFinished)
        }

        @Test func aJobWhoseServersKeepDyingFailsAfterItsAttempts() async throws {
            let coordinator = try await Self.coordinator()
            defer { Task { await coordinator.close() } }
            let queue = coordinator.queue
            try await queue.enqueue([NewJob(runID: "run-1", key: "poison", maxAttempts: 2)])
            for server in ["a", "b"] {
                #expect(try await queue.claim(by: server, lease: .milliseconds(200)).count == 1)
                try await Task.sleep(for: .milliseconds(300))
            }
            let (claimed, abandoned) = try await queue.claimReporting(by: "c")
            #expect(claimed.isEmpty)
            #expect(abandoned.map(\.key) == ["poison"] && abandoned.first?.takenOverFrom == "b" && abandoned.first?.attempt == 2,
                    "the claimer that failed it says so, naming the last holder")
            #expect(try await queue.claimReporting(by: "c").abandoned.isEmpty, "once")
            let record = try #require(try await queue.records().first)
            #expect(record.state == "failed" && record.result?.contains("lease expired") == true)
        }
    }
}
