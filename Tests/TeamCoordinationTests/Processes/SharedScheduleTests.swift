import Foundation
import TeamCoordination
import Testing

extension CoordinationSuite {
    /// Three worker processes contending for one schedule: one winner per slot, no slot skipped, and each
    /// slot's jobs (enqueued by its winner) done once.
    @Suite struct SharedScheduleTests {
        @Test func threeServersSweepOncePerSlot() async throws {
            let fixture = try await QueueFixture.make()
            defer { Task { await fixture.coordinator.close() } }
            let workers = try fixture.workers(3, ["--lease", "1s", "--poll", "500ms", "--work", "10ms",
                                                  "--schedule", "sweep", "--every", "500ms", "--projects", "4"])
            defer { workers.forEach { $0.stop() } }
            try await Task.sleep(for: .seconds(4))
            workers.forEach { $0.signal(SIGSTOP) } // no new slot from here; what was enqueued is finished below
            let winners = try await fixture.coordinator.schedule.winners("sweep")
            workers.forEach { $0.signal(SIGCONT) }
            let records = try await fixture.waitFor("the sweeps' jobs done") { records in
                Set(records.map(\.runID)).isSuperset(of: winners.map { "sweep-\($0.slot)" })
                    && records.filter { winners.map { "sweep-\($0.slot)" }.contains($0.runID) }.allSatisfy { $0.state == "done" }
            }
            workers.forEach { $0.stop() }
            let logged = workers.flatMap { $0.lines.slots }
            #expect(logged.count == Set(logged).count, "a slot won twice: \(logged.sorted())")
            let slots = winners.map(\.slot)
            #expect(slots.count >= 5, "about 8 slots of 500 ms in 4 s; got \(slots)")
            #expect(Set(logged).isSuperset(of: slots))
            if let first = slots.first, let last = slots.last {
                #expect(slots == Array(first...last), "no slot skipped: \(slots)")
            }
            for slot in slots {
                #expect(records.filter { $0.runID == "sweep-\(slot)" }.count == 4)
            }
            print("shared schedule: \(slots.count) slots of 500 ms won by \(Dictionary(grouping: winners, by: \.server).mapValues(\.count))")
            fixture.expectEachJobDoneOnce(records.filter { slots.map { "sweep-\($0)" }.contains($0.runID) }, workers)
        }
    }
}
