import Foundation
import TeamCoordination
import Testing

extension CoordinationSuite {
    /// Worker processes (stand-ins for `trotter serve`) sharing one queue: every job done exactly once with two
    /// and three of them; a SIGKILLed one's jobs taken over within two leases; a SIGSTOPped one that wakes after
    /// its lease writes nothing.
    @Suite struct SharedQueueTests {
        @Test(arguments: [2, 3])
        func workersShareAQueueAndDoEachJobOnce(workerCount: Int) async throws {
            let fixture = try await QueueFixture.make()
            defer { Task { await fixture.coordinator.close() } }
            let jobs = (0..<200).map { NewJob(runID: "sweep-1", key: "project-\($0)") }
            try await fixture.coordinator.queue.enqueue(jobs)
            let start = ContinuousClock.now
            let workers = try fixture.workers(workerCount, ["--lease", "1s", "--poll", "500ms", "--work", "10ms"])
            defer { workers.forEach { $0.stop() } }
            let records = try await fixture.waitFor("200 jobs done") { $0.allSatisfy { $0.state == "done" } }
            let elapsed = ContinuousClock.now - start
            workers.forEach { $0.stop() }
            print("\(workerCount) workers: 200 jobs of 10 ms in \(elapsed) (process start included)")
            fixture.expectEachJobDoneOnce(records, workers)
            let byWorker = Dictionary(grouping: records, by: { $0.finishedBy ?? "?" }).mapValues(\.count)
            #expect(Set(byWorker.keys) == Set(workers.map(\.name)), "every worker took a share: \(byWorker)")
            #expect(records.allSatisfy { $0.attempts == 1 }, "no takeover without a failure")
        }

        @Test func aKilledWorkersJobsAreTakenOverWithinTwoLeases() async throws {
            let fixture = try await QueueFixture.make()
            defer { Task { await fixture.coordinator.close() } }
            try await fixture.coordinator.queue.enqueue((0..<100).map { NewJob(runID: "sweep-1", key: "project-\($0)") })
            let lease: Duration = .seconds(1)
            // Jobs long beside the few milliseconds between a worker's outcome and its next claim: the victim seen
            // holding a job still holds one (two slots) when the kill lands, so the takeover below has work to take.
            let workers = try fixture.workers(3, ["--lease", "1s", "--poll", "500ms", "--work", "200ms", "--concurrency", "2"])
            defer { workers.forEach { $0.stop() } }
            let victim = workers[0]
            try await fixture.waitFor("a third of the jobs done, the victim holding some") { records in
                records.filter { $0.state == "done" }.count >= 30 && records.contains { $0.state == "claimed" && $0.claimedBy == victim.name }
            }
            victim.signal(SIGKILL)
            let killed = ContinuousClock.now
            let held = try await fixture.coordinator.queue.records().filter { $0.state == "claimed" && $0.claimedBy == victim.name }
            try #require(!held.isEmpty, "the victim held nothing when it was killed")
            let heldFences = Dictionary(uniqueKeysWithValues: held.map { ($0.id, $0.fence) })
            try await fixture.waitFor("the victim's jobs taken over", every: .milliseconds(10)) { records in
                records.filter { heldFences[$0.id] != nil }.allSatisfy { $0.fence > heldFences[$0.id]! }
            }
            let takeover = ContinuousClock.now - killed
            print("takeover of \(held.count) jobs of a SIGKILLed worker: \(takeover) after the kill (lease \(lease))")
            #expect(takeover <= lease * 2)
            let records = try await fixture.waitFor("100 jobs done") { $0.allSatisfy { $0.state == "done" } }
            workers.forEach { $0.stop() }
            fixture.expectEachJobDoneOnce(records, workers)
            for record in records where heldFences[record.id] != nil {
                #expect(record.finishedBy != victim.name && record.attempts == 2)
            }
            #expect(records.filter { $0.finishedBy == victim.name }.allSatisfy { $0.attempts == 1 },
                    "what the victim finished was never started again")
        }

        @Test func aPausedWorkerWakingAfterItsLeaseWritesNothing() async throws {
            let fixture = try await QueueFixture.make()
            defer { Task { await fixture.coordinator.close() } }
            try await fixture.coordinator.queue.enqueue((0..<40).map { NewJob(runID: "sweep-1", key: "project-\($0)") })
            let workers = try fixture.workers(2, ["--lease", "1s", "--poll", "500ms", "--work", "300ms"])
            defer { workers.forEach { $0.stop() } }
            let sleeper = workers[0]
            try await fixture.waitFor("the sleeper holding a job") { records in
                records.contains { $0.state == "claimed" && $0.claimedBy == sleeper.name }
            }
            sleeper.signal(SIGSTOP)
            let held = try await fixture.coordinator.queue.records().filter { $0.state == "claimed" && $0.claimedBy == sleeper.name }
            try #require(!held.isEmpty)
            let heldFences = Dictionary(uniqueKeysWithValues: held.map { ($0.id, $0.fence) })
            try await fixture.waitFor("the other worker taking the paused one's jobs") { records in
                records.filter { heldFences[$0.id] != nil }.allSatisfy { $0.fence > heldFences[$0.id]! && $0.claimedBy != sleeper.name }
            }
            let before = sleeper.lines
            sleeper.signal(SIGCONT)
            // Its overdue heartbeat or completion fires at once on waking; give it a moment to try.
            var refused: [Int64] = []
            for _ in 0..<100 where Set(refused) != Set(heldFences.keys) {
                try await Task.sleep(for: .milliseconds(20))
                refused = sleeper.lines.refused.filter { heldFences[$0.id] == $0.fence }.map(\.id)
            }
            #expect(Set(refused) == Set(heldFences.keys), "the sleeper's stale writes were refused: \(sleeper.lines.refused)")
            #expect(before.done.allSatisfy { heldFences[$0.id] == nil })
            let records = try await fixture.waitFor("40 jobs done") { $0.allSatisfy { $0.state == "done" } }
            workers.forEach { $0.stop() }
            for record in records where heldFences[record.id] != nil {
                #expect(record.finishedBy == workers[1].name && record.fence > heldFences[record.id]!,
                        "job \(record.id) was finished by \(record.finishedBy ?? "-") with fence \(record.fence)")
            }
            #expect(!sleeper.lines.done.contains { heldFences[$0.id] == $0.fence }, "no completion with a stale fence")
            fixture.expectEachJobDoneOnce(records, workers)
        }
    }
}
