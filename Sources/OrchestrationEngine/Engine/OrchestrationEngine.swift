import AWSAPI
import Foundation
public import Logging
import Orchestration
import TrotterStore
import TrotterSupport

/// Runs state machines durably over the ``Store``: every change is a status event in the log, and run state is the
/// fold of the log (``reduce(_:_:)``). Runs started or resumed here are driven by this engine until they end;
/// operator actions (approve, retry, cancel) append events that the driving engine, in this or another process,
/// picks up.
///
/// ```swift
/// let engine = OrchestrationEngine(store: try Store.atHome(), sender: CurlWebhookSender(http: HTTPClient()))
/// let runID = try await engine.start(definition: try MachineDefinition.parse(json: data))
/// let final = try await engine.waitForEnd(runID: runID)
/// ```
public actor OrchestrationEngine {
    /// Tuning and collaborators.
    public struct Configuration: Sendable {
        public var logger: Logger
        /// Tests only: stop as if the process died at this point.
        var crashPoint: CrashPoint?
        /// Lease mode, for several servers on one database: a run is held for this long and renewed every third of
        /// it; runs whose owner stopped renewing are taken over by the others, and every write of a driver checks
        /// that its engine still owns the run. Nil: one machine, where an owner is alive while its process is.
        public var lease: Duration?

        /// How soon a driven run notices events appended by other processes is the store's `watchInterval`.
        public init(logger: Logger = Logger(label: "trotter.orchestration")) {
            self.logger = logger
        }
    }

    public nonisolated let store: Store
    let configuration: Configuration
    let sender: any WebhookSender
    let aws: AWSClient?
    private let token = UUID().uuidString
    private let builtins = BuiltinExecutor()
    var executors: ExecutorSet
    private let feed = ChangeFeed()
    private var drivers: [String: Task<RunDriver.Exit, any Error>] = [:]
    private var driverSignals: [String: WakeSignal] = [:]
    private var leaseTask: Task<Void, Never>?
    /// The team's queue, when attempts are shared with other servers (see ``share(_:)``).
    private var shared: (any SharedWork)?

    /// - Parameters:
    ///   - store: where runs and their logs live.
    ///   - sender: posts webhooks and `http` jobs.
    ///   - aws: invokes `lambda` jobs and publishes to `eventbridge` targets; without it those fail with a message.
    public init(store: Store, sender: any WebhookSender, aws: AWSClient? = nil,
                configuration: Configuration = Configuration()) {
        self.store = store
        self.sender = sender
        self.aws = aws
        self.configuration = configuration
        executors = ExecutorSet(command: CommandExecutor(), http: HTTPExecutor(sender: sender), sim: SimExecutor(), builtin: builtins,
                                lambda: LambdaExecutor(aws: aws, store: store, logger: configuration.logger))
        RunOwnership.register(token)
    }

    /// Registers the handler of `builtin` jobs named `name` (the manager's onboarding and sweep jobs).
    public nonisolated func registerBuiltin(name: String, handler: @escaping BuiltinJobHandler) {
        builtins.register(name: name, handler: handler)
    }

    /// Shares attempts with the team: those `work` shares are handed to it instead of run here, by the runs this
    /// engine drives from now on; a server that claims one runs it with ``runHanded(_:fence:)``.
    public func share(_ work: any SharedWork) {
        shared = work
    }

    /// Replaces the executor of one kind of job ("command", "http", "sim", "lambda"); builtins are registered by name.
    public func setExecutor(_ executor: any JobExecutor, forKind kind: String) {
        switch kind {
        case "command": executors.command = executor
        case "http": executors.http = executor
        case "sim": executors.sim = executor
        case "lambda": executors.lambda = executor
        default: executors.builtin = executor
        }
    }

    /// Starts a run of `definition` and drives it in the background.
    /// - Parameter stepMode: overrides the definition's `stepMode` when given.
    /// - Returns: the new run's id.
    public func start(definition: MachineDefinition, stepMode: Bool? = nil) async throws -> String {
        try await start(definition, stepMode: stepMode, unlessRunning: false).runID
    }

    /// Starts a run of `definition` unless a run of the same machine has not ended (in this or another process).
    /// The check and the insert are one write transaction, so two processes never both start one.
    /// - Returns: the new run's id and true, or the unfinished run's id and false.
    public func startUnlessRunning(definition: MachineDefinition) async throws -> (runID: String, started: Bool) {
        try await start(definition, stepMode: nil, unlessRunning: true)
    }

    private func start(_ definition: MachineDefinition, stepMode: Bool?, unlessRunning: Bool) async throws -> (runID: String, started: Bool) {
        let runID = Self.newRunID()
        let step = stepMode ?? definition.stepMode
        let (token, lease) = (token, leaseSeconds)
        let existing = try await store.write { db -> String? in
            if unlessRunning, let existing = try Store.unfinishedRun(machine: definition.name, db) { return existing }
            let leaseUntil = try lease.map { try Store.databaseNow(db) + $0 }
            try Store.insertRun(id: runID, definition: definition, stepMode: step, ownerToken: token, leaseUntil: leaseUntil, db)
            return nil
        }
        if let existing { return (existing, false) }
        drive(runID: runID, definition: definition, stepMode: step)
        return (runID, true)
    }

    /// Every run in the store, newest first.
    public func runs() async throws -> [RunSummary] { try await store.runs() }

    /// The runs whose logs grew after `seq` (all when nil) and the log's newest seq (see ``Store/runs(changedAfter:)``).
    public func runs(changedAfter seq: Int64?) async throws -> (runs: [RunSummary], newest: Int64) {
        try await store.runs(changedAfter: seq)
    }

    /// A run's status events in log order.
    public func events(runID: String) async throws -> [StatusEvent] { try await store.events(runID: runID) }

    /// A run's definition as stored when it started.
    public func definition(runID: String) async throws -> MachineDefinition { try await record(runID).definition }

    /// A run's state: the fold of its log.
    public func state(runID: String) async throws -> RunState {
        let record = try await record(runID)
        let events = try await store.events(runID: runID)
        var state = RunState(runID: runID, definition: record.definition, stepMode: record.summary.stepMode)
        for event in events { state.apply(event) }
        return state
    }

    /// Run ids, each time a run's log grows in this engine (events appended here, or found from other processes
    /// by a run driven here). Newest-first buffering: consumers read the log, not the stream, for details.
    public func changes() -> AsyncStream<String> { feed.subscribe() }

    /// Waits until the run's state satisfies `condition`, re-reading it whenever the status log grows (here or,
    /// within the store's watch interval, in another process), so runs driven elsewhere work too.
    public func waitFor(runID: String, timeout: Duration = .seconds(3600),
                        until condition: @Sendable (RunState) -> Bool) async throws -> RunState {
        let deadline = ContinuousClock.now + timeout
        let signal = WakeSignal()
        let watch = store.watch.add(signal)
        defer { store.watch.remove(watch) }
        while true {
            let state = try await state(runID: runID)
            if condition(state) { return state }
            try Task.checkCancellation()
            guard ContinuousClock.now < deadline else { throw CancellationError() }
            await signal.wait(upTo: deadline - ContinuousClock.now)
        }
    }

    /// Waits until the run has ended and, when this engine drives it, every step has caught up (notifications sent).
    public func waitForEnd(runID: String) async throws -> RunState {
        if let driver = drivers[runID] { _ = try await driver.value }
        return try await waitFor(runID: runID) { $0.status.isFinished }
    }

    /// Stops driving runs here (their in-flight attempts are cancelled); another engine may resume them.
    public func shutdown() async {
        leaseTask?.cancel()
        leaseTask = nil
        for driver in drivers.values { driver.cancel() }
        for driver in drivers.values { _ = try? await driver.value }
        drivers.removeAll()
        RunOwnership.unregister(token)
        // Lease mode: let the other servers take our runs now rather than after the lease.
        if configuration.lease != nil {
            let token = token
            _ = try? await store.write { db in try Store.renewLeases(token: token, until: 0, db) }
        }
    }

    // MARK: Leases

    /// Lease mode only: renews this engine's leases every third of the lease and takes over runs whose owner's lease
    /// ran out (a dead or paused server), so they move within two lease periods. Until `shutdown()`.
    public func keepLeases() {
        guard let lease = configuration.lease, leaseTask == nil else { return }
        leaseTask = Task { [weak self] in
            while !Task.isCancelled {
                await self?.leaseTick()
                try? await Task.sleep(for: lease / 3)
            }
        }
    }

    private func leaseTick() async {
        let (token, lease) = (token, leaseSeconds ?? 0)
        do {
            let orphans = try await store.write { db -> [String] in
                let now = try Store.databaseNow(db)
                _ = try Store.renewLeases(token: token, until: now + lease, db)
                return try Store.orphanedRuns(now: now, db)
            }
            for runID in orphans where drivers[runID] == nil {
                do {
                    try await takeOver(runID)
                    configuration.logger.warning("run \(runID): its server stopped renewing its lease; driving it here now")
                } catch let error as EngineError where error.code == .ownedElsewhere {
                    continue   // another server took it first
                }
            }
        } catch {
            configuration.logger.error("renewing run leases failed: \(error)")
        }
    }

    /// The lease in seconds (lease mode), to add to the database's clock.
    private var leaseSeconds: Double? {
        configuration.lease?.inSeconds
    }

    /// True when the recorded owner may still be driving the run: its lease runs past `now` on the database's clock
    /// (lease mode), or its process lives.
    private static func ownerAlive(_ record: RunRecord, leased: Bool, now: Double) -> Bool {
        if leased { return record.ownerToken != nil && (record.ownerLeaseUntil ?? 0) > now }
        return RunOwnership.isAlive(pid: record.ownerPID, token: record.ownerToken)
    }

    /// True while this engine drives the run (it started or took it over and the run has not ended).
    public func isDrivingHere(runID: String) -> Bool { drivers[runID] != nil }

    // MARK: Driving

    func record(_ runID: String) async throws -> RunRecord {
        guard let record = try await store.read({ db in try Store.run(id: runID, db) }) else { throw EngineError.unknownRun(runID) }
        return record
    }

    /// Drives a run whose owner is gone (or none): takes ownership, then runs its driver.
    func takeOver(_ runID: String) async throws {
        if drivers[runID] != nil { driverSignals[runID]?.signal(); return }
        let (token, lease) = (token, leaseSeconds)
        let leased = lease != nil
        let record = try await store.write { db -> RunRecord in
            guard let record = try Store.run(id: runID, db) else { throw EngineError.unknownRun(runID) }
            let now = try Store.databaseNow(db)
            if record.ownerToken != token, Self.ownerAlive(record, leased: leased, now: now) {
                throw EngineError(.ownedElsewhere, leased
                    ? "run \(runID) is being driven by another server (its lease runs); operator actions reach it through the store"
                    : "run \(runID) is being driven by process \(record.ownerPID ?? 0); "
                      + "operator actions reach it through the store; resume only after that process has stopped")
            }
            try Store.setOwner(runID: runID, token: token, leaseUntil: lease.map { now + $0 }, db)
            return record
        }
        drive(runID: runID, definition: record.definition, stepMode: record.summary.stepMode)
    }

    /// True when some live engine (here or in another process) drives the run.
    func isDriven(_ runID: String) async throws -> Bool {
        if drivers[runID] != nil { return true }
        let leased = configuration.lease != nil
        let (record, now) = try await store.read { db -> (RunRecord?, Double) in (try Store.run(id: runID, db), try Store.databaseNow(db)) }
        guard let record else { throw EngineError.unknownRun(runID) }
        return record.ownerToken != token && Self.ownerAlive(record, leased: leased, now: now)
    }

    /// Wakes the driver of a run driven here, so it sees a new event at once.
    func poke(_ runID: String) {
        driverSignals[runID]?.signal()
        feed.publish(runID)
    }

    private func drive(runID: String, definition: MachineDefinition, stepMode: Bool) {
        let feed = feed
        var context = DriverContext(store: store, executors: executors, sender: sender, aws: aws, logger: configuration.logger,
                                    crashPoint: configuration.crashPoint, fence: configuration.lease == nil ? nil : token,
                                    changed: { feed.publish($0) })
        if let work = shared {
            context.executors = executors.sharing(with: work)
            context.shared = { work.shares($0) }
        }
        let driver = RunDriver(runID: runID, definition: definition, stepMode: stepMode, context: context)
        driverSignals[runID] = driver.signal
        drivers[runID] = Task {
            do {
                let exit = try await driver.run()
                await self.driverEnded(runID, exit)
                return exit
            } catch {
                await self.driverFailed(runID, error)
                throw error
            }
        }
    }

    /// A driver that stopped on an error (the store refused a write, say) lets go of its run, so that it can be
    /// resumed here or by another process once the cause is fixed. A shutdown's cancellation is not a failure.
    private func driverFailed(_ runID: String, _ error: any Error) async {
        if Task.isCancelled { return }
        configuration.logger.error("run \(runID) stopped: \(error); `trotter runs resume \(runID)` continues it")
        await release(runID)
    }

    private func driverEnded(_ runID: String, _ exit: RunDriver.Exit) async {
        driverSignals[runID] = nil
        switch exit {
        case .halted:
            // A simulated crash: this engine is as good as dead; another one resumes the run.
            RunOwnership.unregister(token)
        case .finished:
            await release(runID)
            return
        }
        feed.publish(runID)
    }

    /// Clears the run's owner when that is still this engine, then stops counting it as driven here: in that
    /// order, so once this engine says it no longer drives a run, another may resume it (the other order let a
    /// resume in between find the owner still recorded).
    private func release(_ runID: String) async {
        let token = token
        _ = try? await store.write { db in
            if try Store.run(id: runID, db)?.ownerToken == token { try Store.setOwner(runID: runID, token: nil, db) }
        }
        drivers[runID] = nil
        driverSignals[runID] = nil
        feed.publish(runID)
    }

    private static func newRunID() -> String {
        let stamp = Int(Date().timeIntervalSince1970)
        return "r\(stamp)-\(UUID().uuidString.prefix(8).lowercased())"
    }
}
