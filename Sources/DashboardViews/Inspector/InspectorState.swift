import DashboardModel

/// The open run inspector: which run, its log folded by the engine's own fold (``RunInspector`` over
/// `RunState.apply`), the event cursor and the selected job.
public struct InspectorState: Sendable {
    public var runID: String
    /// The run's definition and events; nil until the first load.
    public private(set) var log: RunInspector?
    /// The state as of the cursor, kept so that a frame never folds.
    public private(set) var state: RunState?
    /// Events folded into ``state``: 0 is before any event, `eventCount` the newest.
    public private(set) var cursor = 0
    /// Follow the live end: new events move the cursor to the newest (`f`).
    public var follow = true
    /// Index into the flattened job list (↑ ↓).
    public var selectedJob = 0
    /// `seq` of the newest event loaded, and the newest the run had when more was last asked for.
    public private(set) var loadedSeq: Int64 = 0
    var requestedSeq: Int64 = -1

    public init(runID: String) { self.runID = runID }

    public var eventCount: Int { log?.count ?? 0 }
    public var events: [StatusEvent] { log?.events ?? [] }
    /// The run as of its newest event.
    public var latest: RunState? { log?.state(at: eventCount) }
    public var stepMode: Bool { state?.stepMode ?? false }

    /// The jobs at the cursor, flattened in phase order, with their phase.
    public var flatJobs: [(phase: String, job: JobState)] {
        state?.phases.flatMap { p in p.jobs.map { (p.name, $0) } } ?? []
    }

    /// Whether to ask for the events after ``loadedSeq``: the run (its summary's `lastSeq`) has newer ones than
    /// are loaded and than were asked for last time, or nothing was ever loaded. Remembers the ask.
    mutating func needsEvents(upTo lastSeq: Int64) -> Bool {
        let due = log == nil ? requestedSeq < 0 || lastSeq > requestedSeq : lastSeq > max(loadedSeq, requestedSeq)
        if due { requestedSeq = max(lastSeq, 0) }
        return due
    }

    /// The load to ask for when ``needsEvents(upTo:)`` says so.
    var loadEffect: Effect { .loadRunLog(runID: runID, after: loadedSeq) }

    /// Takes a (first or further) part of the run's log: events already loaded are skipped; the cursor stays
    /// unless following.
    public mutating func load(_ part: RunLog) {
        let fresh = part.events.filter { $0.seq > loadedSeq }
        if log == nil {
            log = RunInspector(definition: part.definition, events: fresh, runID: part.runID, stepMode: part.stepMode)
        } else {
            log?.append(contentsOf: fresh)
        }
        loadedSeq = fresh.last?.seq ?? loadedSeq
        move(to: follow ? eventCount : cursor)
    }

    /// Puts the cursor after event `index` (clamped) and folds the state there.
    public mutating func move(to index: Int) {
        cursor = max(0, min(eventCount, index))
        state = log?.step(to: cursor)
        selectedJob = max(0, min(selectedJob, flatJobs.count - 1))
    }

    /// Steps the cursor by `delta` events; stepping stops following unless it lands on the end going forward.
    public mutating func step(by delta: Int) {
        guard eventCount > 0 else { return }
        move(to: cursor + delta)
        follow = cursor == eventCount && delta > 0 ? follow : false
    }

    public mutating func jump(toEnd: Bool) {
        guard eventCount > 0 else { return }
        move(to: toEnd ? eventCount : 0)
        follow = false
    }
}
