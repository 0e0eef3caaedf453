import AWSAPI
import Foundation
import GRDB
import Logging
import Orchestration
import TrotterStore

/// Where a simulated crash stops a driver (tests only): the process "dies" at that point and another engine resumes.
enum CrashPoint: Sendable, Hashable {
    /// After the state-machine step folded and decided, before the orchestrator step dispatched anything.
    case afterFold
    /// After the dispatch of an attempt was recorded, before its executor started.
    case afterDispatchRecord
    /// The notification step never runs; the crash comes when the run has ended.
    case beforeNotify
}

/// Everything a driver needs from its engine, as Sendable values.
struct DriverContext: Sendable {
    var store: Store
    var executors: ExecutorSet
    var sender: any WebhookSender
    /// Publishes to `eventbridge` targets (nil: they are reported as unreachable in the log).
    var aws: AWSClient?
    var logger: Logger
    var crashPoint: CrashPoint?
    /// Lease mode: the engine's token, checked inside every write of the driver (see `Store.checkOwner`).
    var fence: String?
    /// Attempts handed to the team's queue: they report later, from whichever server ran them.
    var shared: @Sendable (JobRun) -> Bool = { _ in false }
    var changed: @Sendable (String) -> Void

    /// True when an attempt of `run` outlives the process that started it (its outcome is reported by another).
    func reportsLater(_ run: JobRun) -> Bool {
        run.reportsLater || shared(run)
    }
}

/// Drives one run in this process: the three steps over the status log, each with its cursor in the store.
///
/// 1. state-machine step: folds new events, decides what moves the run (start/skip/complete a phase, retry a job,
///    await approval, finish), appends those events; decision, appends and cursor commit in one transaction.
/// 2. orchestrator step: folds up to the log's end, starts due attempts; each start is recorded in `dispatches`
///    (with its `jobStarted` event and the cursor) before the executor runs, so no attempt ever starts twice.
/// 3. notification step (``NotificationStep``, its own task): tells people, with its own cursor.
actor RunDriver {
    enum Exit: Sendable { case finished, halted }
    static let stateMachineCursor = "stateMachine"
    static let orchestratorCursor = "orchestrator"

    let runID: String
    let definition: MachineDefinition
    let context: DriverContext
    let signal = WakeSignal()
    /// The two steps' states (each folded with `RunState.apply`). Each lives in a box that the step's transaction folds into in place: handing a
    /// copy in and back made every step copy the run's job list (hundreds of jobs in a sweep). A step that
    /// throws ends this driver, so a fold left half-done by a rolled-back transaction is never used.
    private let machineBox: StateBox
    private var machineCursor: Int64 = 0
    private let orchestratorBox: StateBox
    private var orchestratorCursor: Int64 = 0
    private var machine: RunState {
        get { machineBox.state }
        _modify { yield &machineBox.state }
    }
    private var orchestrator: RunState {
        get { orchestratorBox.state }
        _modify { yield &orchestratorBox.state }
    }

    private final class StateBox: @unchecked Sendable {
        var state: RunState
        init(_ state: RunState) { self.state = state }
    }
    private var inFlight: [AttemptKey: Task<Void, Never>] = [:]

    /// An attempt of a job (a struct, not a formatted string: it is looked up for every job on every wake).
    struct AttemptKey: Hashable, Sendable, CustomStringConvertible {
        var job: String
        var attempt: Int
        var description: String { "\(job)#\(attempt)" }
    }

    init(runID: String, definition: MachineDefinition, stepMode: Bool, context: DriverContext) {
        self.runID = runID
        self.definition = definition
        self.context = context
        let initial = RunState(runID: runID, definition: definition, stepMode: stepMode)
        machineBox = StateBox(initial)
        orchestratorBox = StateBox(initial)
    }

    /// Runs until the run has ended and every step caught up, or a simulated crash.
    ///
    /// Waiting costs nothing: the driver sleeps until the store's watch wakes it (a commit to the status log in
    /// this process, at once; another process's commit, within the watch interval), an attempt ends, or a retry
    /// or timeout falls due. A wake that finds nothing new reads one row and writes nothing.
    func run() async throws -> Exit {
        let watch = context.store.watch.add(signal)
        defer { context.store.watch.remove(watch) }
        try await loadCursors()
        try await recordInterruptedAttempts()
        let notifier = NotificationStep(runID: runID, definition: definition, context: context)
        let notifierTask = context.crashPoint == .beforeNotify ? nil : Task { try await notifier.run() }
        defer { notifierTask?.cancel() }
        while true {
            // Shutdown: stop here; attempts in flight are killed and, never having reported, are replaced by new
            // attempts when the run is resumed.
            if Task.isCancelled {
                cancelInFlight()
                throw CancellationError()
            }
            let head = try await logHead()
            let (folded, appended) = try await stateMachineStep(head: head)
            // New events (appended here, or found from other processes): tell the notifier and subscribers.
            if folded {
                notifier.signal.signal()
                context.changed(runID)
            }
            if context.crashPoint == .afterFold, appended.contains(where: { $0.kind == .phaseStarted }) { return .halted }
            if machine.status.isFinished || machine.cancelRequested { cancelInFlight() }
            var wakeAt = try await orchestratorStep(head: appended.last?.seq ?? head)
            if wakeAt == .distantPast { return .halted }
            if let deadline = try await expireHandedOverAttempts() { wakeAt = min(wakeAt ?? deadline, deadline) }
            if machine.status.isFinished, inFlight.isEmpty, try await logHead() == machineCursor {
                if context.crashPoint == .beforeNotify { return .halted }
                notifier.signal.signal()
                try await notifierTask?.value
                return .finished
            }
            await signal.wait(upTo: wakeAt.map { .milliseconds(max(1, Int64($0.timeIntervalSinceNow * 1000) + 1)) })
        }
    }

    /// The sequence number of the run's newest event: one indexed read, no transaction to write.
    private func logHead() async throws -> Int64 {
        let runID = runID
        return try await context.store.read { db in try Store.lastSeq(runID: runID, db) }
    }

    private func loadCursors() async throws {
        let runID = runID
        let (smCursor, orchCursor, events) = try await context.store.read { db in
            let sm = try Store.cursor(runID: runID, step: Self.stateMachineCursor, db)
            let orch = try Store.cursor(runID: runID, step: Self.orchestratorCursor, db)
            return (sm, orch, try Store.events(runID: runID, after: 0, db).filter { $0.seq <= max(sm, orch) })
        }
        for event in events {
            if event.seq <= smCursor { machine.apply(event) }
            if event.seq <= orchCursor { orchestrator.apply(event) }
        }
        machineCursor = smCursor
        orchestratorCursor = orchCursor
    }

    /// Attempts that were started by a process that died never report: record them as interrupted, so a new
    /// attempt replaces them (the old one is never started again). Async HTTP jobs and callback Lambdas are left
    /// alone: their remote end still reports.
    private func recordInterruptedAttempts() async throws {
        let runID = runID
        let events = try await context.store.events(runID: runID)
        let state = events.reduce(into: RunState(runID: runID, definition: definition, stepMode: machine.stepMode)) { $0.apply($1) }
        var interrupted: [StatusEvent] = []
        for (p, phase) in state.phases.enumerated() {
            for (j, job) in phase.jobs.enumerated() where job.status == .running {
                if context.reportsLater(definition.phases[p].jobs[j].run) { continue }
                interrupted.append(StatusEvent(
                    id: "\(runID)/\(job.name)/\(job.attempt)/interrupted", runID: runID, kind: .jobInterrupted,
                    phase: phase.name, job: job.name, attempt: job.attempt,
                    detail: "the process running attempt \(job.attempt) stopped before it reported; a new attempt replaces it"))
            }
        }
        if !interrupted.isEmpty {
            try await context.store.append(interrupted, fence: context.fence)
            context.logger.warning("run \(runID): \(interrupted.count) interrupted attempt(s) will be replaced")
        }
    }

    // MARK: State-machine step

    /// - Returns: whether any event was folded (read or appended), and the events appended.
    private func stateMachineStep(head: Int64) async throws -> (folded: Bool, appended: [StatusEvent]) {
        // Read before writing: with nothing new in the log and nothing to decide, no write transaction.
        if head == machineCursor, StateMachineStep.decide(definition, machine).isEmpty { return (false, []) }
        let (runID, definition, fold, cursor) = (runID, definition, machineBox, machineCursor)
        let fence = context.fence
        let (last, appended) = try await context.store.write { db -> (Int64, [StatusEvent]) in
            if let fence { try Store.checkOwner(runID: runID, token: fence, db) }
            var last = cursor
            for event in try Store.events(runID: runID, after: cursor, db) {
                fold.state.apply(event)
                last = event.seq
            }
            var appended: [StatusEvent] = []
            // Decide, append, fold, until nothing is left to decide. Draft ids derive from the log position,
            // so the same decision always gets the same id.
            decisions: for _ in 0..<10_000 {
                let drafts = StateMachineStep.decide(definition, fold.state)
                if drafts.isEmpty { break }
                let basis = last
                for (index, draft) in drafts.enumerated() {
                    let event = StatusEvent(id: "\(runID)/sm/\(basis)/\(index)", runID: runID, kind: draft.kind,
                                            phase: draft.phase, job: draft.job, attempt: draft.attempt, detail: draft.detail)
                    guard let stored = try Store.insert(event, db) else { break decisions }
                    fold.state.apply(stored)
                    appended.append(stored)
                    last = stored.seq
                }
            }
            if last != cursor { try Store.setCursor(runID: runID, step: Self.stateMachineCursor, seq: last, db) }
            if !appended.isEmpty { try Store.setSummary(fold.state, db) }
            return (last, appended)
        }
        machineCursor = last
        for event in appended { context.logger.info("run \(runID): \(EventText.line(event))") }
        return (last != cursor, appended)
    }

    // MARK: Orchestrator step

    /// Starts due attempts. - Returns: when a waiting retry becomes due, or `.distantPast` after a simulated crash.
    private func orchestratorStep(head: Int64) async throws -> Date? {
        // Read before writing, as in the state-machine step: nothing new and nothing due, no transaction.
        if head == orchestratorCursor {
            let plan = DispatchPlan.plan(definition, orchestrator, now: Date())
            if plan.due.isEmpty { return plan.wakeAt }
        }
        let (runID, definition, fold, cursor) = (runID, definition, orchestratorBox, orchestratorCursor)
        let fence = context.fence
        let (last, started, wakeAt) = try await context.store.write { db -> (Int64, [JobInvocation], Date?) in
            if let fence { try Store.checkOwner(runID: runID, token: fence, db) }
            var last = cursor
            for event in try Store.events(runID: runID, after: cursor, db) {
                fold.state.apply(event)
                last = event.seq
            }
            let now = Date()
            let plan = DispatchPlan.plan(definition, fold.state, now: now)
            var started: [JobInvocation] = []
            for due in plan.due {
                guard try Store.recordDispatch(runID: runID, job: due.job, attempt: due.attempt, at: now, db),
                      let job = definition.job(named: due.job) else { continue }
                let invocation = JobInvocation(runID: runID, machine: definition.name, phase: due.phase, job: due.job,
                                               attempt: due.attempt, run: job.job.run, timeout: job.job.timeout)
                _ = try Store.insert(StatusEvent(id: "\(runID)/\(due.job)/\(due.attempt)/start", runID: runID, at: now,
                                                 kind: .jobStarted, phase: due.phase, job: due.job, attempt: due.attempt,
                                                 detail: job.job.run.kind), db)
                started.append(invocation)
            }
            if last != cursor { try Store.setCursor(runID: runID, step: Self.orchestratorCursor, seq: last, db) }
            return (last, started, plan.wakeAt)
        }
        orchestratorCursor = last
        if !started.isEmpty {
            if context.crashPoint == .afterDispatchRecord { return .distantPast }
            for invocation in started { launch(invocation) }
            context.changed(runID)
            signal.signal()
        }
        return wakeAt
    }

    // MARK: Attempts

    /// Attempts handed to a remote end (async `http`) run in no task here, so their timeout is enforced from the
    /// log: past `startedAt + timeout` without a report, the attempt is recorded as timed out (a later report is
    /// then a duplicate). - Returns: the next such deadline.
    private func expireHandedOverAttempts() async throws -> Date? {
        let now = Date()
        var expired: [StatusEvent] = []
        var next: Date?
        for (p, phase) in orchestrator.phases.enumerated() {
            for (j, job) in phase.jobs.enumerated() where job.status == .running {
                // Cheap tests first: this runs on every wake, over every job of the run (a sweep has hundreds).
                guard let timeout = definition.phases[p].jobs[j].timeout, let startedAt = job.startedAt,
                      inFlight[AttemptKey(job: job.name, attempt: job.attempt)] == nil else { continue }
                let deadline = startedAt.addingTimeInterval(timeout.seconds)
                if deadline > now { next = min(next ?? deadline, deadline); continue }
                let invocation = JobInvocation(runID: runID, machine: definition.name, phase: phase.name, job: job.name,
                                               attempt: job.attempt, run: definition.phases[p].jobs[j].run)
                if let event = AttemptRunner.Result.timedOut(timeout).event(for: invocation) { expired.append(event) }
            }
        }
        if !expired.isEmpty {
            try await context.store.append(expired, fence: context.fence)
            signal.signal()
        }
        return next
    }

    private func launch(_ invocation: JobInvocation) {
        let key = AttemptKey(job: invocation.job, attempt: invocation.attempt)
        let executor = context.executors.executor(for: invocation.run)
        let (store, logger, changed, signal, fence) = (context.store, context.logger, context.changed, signal, context.fence)
        inFlight[key] = Task {
            let result = await AttemptRunner.run(invocation, executor: executor, timeout: invocation.timeout)
            // A cancelled run already marked its jobs cancelled: their late outcome need not be written.
            if !Task.isCancelled, let event = result.event(for: invocation) {
                do { try await store.append([event], fence: fence) } catch {
                    logger.error("run \(invocation.runID): could not record the outcome of \(key): \(error)")
                }
                changed(invocation.runID)
            }
            self.attemptEnded(key)
            signal.signal()
        }
    }

    private func attemptEnded(_ key: AttemptKey) { inFlight[key] = nil }

    private func cancelInFlight() {
        for task in inFlight.values { task.cancel() }
    }
}
