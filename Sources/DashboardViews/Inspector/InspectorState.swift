/// The open run inspector: which run, its loaded model, the event cursor and the selected job.
public struct InspectorState: Sendable, Hashable {
    public var runID: String
    public var model: InspectorModel?
    /// Index into the model's events; the state shown is as of this event.
    public var cursor: Int = 0
    /// Follow the live end: new events move the cursor to the last one (`f`).
    public var follow = true
    /// Index into the flattened job list of the state at the cursor (↑ ↓).
    public var selectedJob = 0

    public init(runID: String) { self.runID = runID }

    public var eventCount: Int { model?.events.count ?? 0 }

    /// The jobs at the cursor, flattened in phase order, with their phase.
    public var flatJobs: [(phase: String, job: InspectorJob)] {
        guard let model else { return [] }
        return model.state(at: cursor).phases.flatMap { p in p.jobs.map { (p.name, $0) } }
    }

    /// Loads a new model (first load or a refresh), keeping the cursor unless following.
    public mutating func load(_ m: InspectorModel) {
        model = m
        if follow || cursor >= m.events.count { cursor = max(0, m.events.count - 1) }
        selectedJob = max(0, min(selectedJob, flatJobs.count - 1))
    }

    /// Steps the cursor by `delta` events; stepping stops following unless it lands on the end.
    public mutating func step(by delta: Int) {
        guard eventCount > 0 else { return }
        cursor = max(0, min(eventCount - 1, cursor + delta))
        follow = cursor == eventCount - 1 && delta > 0 ? follow : false
        selectedJob = max(0, min(selectedJob, flatJobs.count - 1))
    }

    public mutating func jump(toEnd: Bool) {
        guard eventCount > 0 else { return }
        cursor = toEnd ? eventCount - 1 : 0
        follow = false
        selectedJob = max(0, min(selectedJob, flatJobs.count - 1))
    }
}
