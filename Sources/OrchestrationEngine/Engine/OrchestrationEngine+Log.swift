import Orchestration

extension OrchestrationEngine {
    /// A run's definition and its events after `seq` (every event for 0), for inspectors and `runs export`.
    public func log(runID: String, after seq: Int64 = 0) async throws -> RunLog {
        let record = try await record(runID)
        let events = try await store.events(runID: runID, after: seq)
        return RunLog(runID: runID, definition: record.definition, stepMode: record.summary.stepMode, events: events)
    }
}
