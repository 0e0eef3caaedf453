import Foundation
import Logging
import TeamCoordination
import Testing

/// A database with a queue of jobs and worker processes on it; checks every test of real processes shares.
struct QueueFixture {
    let url: DatabaseURL
    let coordinator: Coordinator

    static func make() async throws -> QueueFixture {
        let url = try await PostgresCluster.freshDatabase()
        return QueueFixture(url: url, coordinator: try await Coordinator.connect(url: url, logger: PostgresCluster.logger))
    }

    func workers(_ count: Int, _ arguments: [String]) throws -> [WorkerProcess] {
        try (1...count).map { try WorkerProcess(name: "w\($0)", url: url, arguments: arguments) }
    }

    /// Polls the table until `condition` holds of its rows.
    @discardableResult
    func waitFor(_ what: String, timeout: Duration = .seconds(60), every: Duration = .milliseconds(20),
                 _ condition: ([JobRecord]) -> Bool) async throws -> [JobRecord] {
        let deadline = ContinuousClock.now + timeout
        while true {
            let records = try await coordinator.queue.records()
            if condition(records) { return records }
            try #require(ContinuousClock.now < deadline, "timed out waiting for \(what)")
            try await Task.sleep(for: every)
        }
    }

    /// Every job done once: in the table, and in the workers' logs (one `done` line per job, and no `start` with
    /// a fence above the one it finished with, i.e. nothing finished was started again).
    func expectEachJobDoneOnce(_ records: [JobRecord], _ workers: [WorkerProcess],
                               sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(records.allSatisfy { $0.state == "done" }, sourceLocation: sourceLocation)
        let lines = workers.map(\.lines)
        var doneLines: [Int64: [Int64]] = [:], maxStart: [Int64: Int64] = [:]
        for log in lines {
            for (id, fence) in log.done { doneLines[id, default: []].append(fence) }
            for (id, fence) in log.started { maxStart[id] = max(maxStart[id] ?? 0, fence) }
        }
        for record in records {
            let fences = doneLines[record.id] ?? []
            #expect(fences == [record.fence], "job \(record.id): done lines with fences \(fences), table fence \(record.fence)",
                    sourceLocation: sourceLocation)
            #expect((maxStart[record.id] ?? 0) <= record.fence, "job \(record.id) started again after it finished",
                    sourceLocation: sourceLocation)
            #expect(record.attempts == Int(record.fence), sourceLocation: sourceLocation)
        }
        #expect(lines.allSatisfy { $0.errors.isEmpty }, "\(lines.flatMap(\.errors))", sourceLocation: sourceLocation)
    }
}
