import DashboardModel
import Orchestration

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
    /// What the right side shows: the event history, the timeline (`t`) or the selected job's attempts and why (`w`).
    public var mode: InspectorMode = .events
    /// A line being typed: the event number of `g`, the breakpoint of `b`.
    public var prompt: InspectorPrompt?
    public internal(set) var breakpoints: [Breakpoint] = []
    /// Every attempt and phase span, for the timeline and the attempt history.
    public private(set) var attempts = RunAttempts()
    /// Kinds and jobs as integers, for breakpoint searches.
    private(set) var index = EventIndex()

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
    /// unless following. A breakpoint hit among new events stops following there.
    /// - Returns: the hit, when following stopped at one.
    @discardableResult
    public mutating func load(_ part: RunLog) -> (event: Int, hit: Breakpoint)? {
        let fresh = part.events.filter { $0.seq > loadedSeq }
        let before = eventCount
        if log == nil {
            log = RunInspector(definition: part.definition, events: fresh, runID: part.runID, stepMode: part.stepMode,
                               checkpointInterval: Self.checkpointInterval(part.definition))
        } else {
            log?.append(contentsOf: fresh)
        }
        attempts.append(contentsOf: fresh)
        index.append(contentsOf: fresh)
        loadedSeq = fresh.last?.seq ?? loadedSeq
        if follow, !breakpoints.isEmpty, let hit = index.next(after: before, forward: true, breakpoints) {
            follow = false
            move(to: hit.event)
            return hit
        }
        move(to: follow ? eventCount : cursor)
        return nil
    }

    /// A checkpoint holds every job's state: with thousands of jobs, one every 256 events would take gigabytes
    /// at a million events. Four events per job between checkpoints bounds that memory by the number of events
    /// (a step folds at most that many, ~0.15 µs each: 6 ms at 10,000 jobs).
    static func checkpointInterval(_ definition: MachineDefinition) -> Int {
        max(256, min(1 << 16, definition.phases.reduce(0) { $0 + $1.jobs.count } * 4))
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
