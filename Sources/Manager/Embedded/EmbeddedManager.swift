import AtlasAPI
import AWSAPI
import CurlHTTP
import DashboardModel
import Foundation
import Logging
import Orchestration
import OrchestrationEngine
import TrotterStore

/// The manager embedded in the `trotter` process: an actor over the SQLite store that onboards projects,
/// sweeps them as state-machine runs on the orchestration engine, and publishes dashboard snapshots.
public actor EmbeddedManager: ManagerService {
    public nonisolated let settings: ManagerSettings
    public let engine: OrchestrationEngine
    let store: ManagerStore
    let vault: KeyVault
    let http: HTTPClient
    let logger: Logger
    let limiter: AsyncLimiter
    let blueprint: WorkerBlueprint

    var snapshot = DashboardSnapshot.empty
    private var subscribers: [UInt64: AsyncStream<DashboardSnapshot>.Continuation] = [:]
    private var nextSubscriber: UInt64 = 0
    private var tasks: [Task<Void, Never>] = []
    /// App Services clients keep their login tokens, so one per project lives as long as the manager.
    private var appClients: [String: AppServicesClient] = [:]
    private var runsRefreshPending = false
    /// The status log's seq the snapshot's runs are read up to: a refresh reads the runs that moved after it.
    private var runsSeq: Int64 = 0
    /// A full refresh started after a sweep, which `currentSnapshot()` waits for.
    private var pendingRefresh: Task<Void, Never>?
    private var refreshGeneration = 0
    /// What the refresh queued behind the running one will reload: requests made before it starts join it
    /// (a team's import finishes onboardings by the hundred: one reload each would queue without end).
    private var queuedRefresh: RefreshScope?
    var lastSweepAt: Date?
    /// The newest whole hour up to which history was thinned (see `thinHistory`).
    var lastThinnedHour: Double?
    var lastError: String?
    /// Organisation imports under way: their onboardings leave the snapshot refresh to the import's end.
    var importsRunning = 0

    /// Refuses a master key other than the one the store's first server sealed its check with (a team's servers on
    /// one database must share one key; a server with its own would fail on every project key it cannot open).
    /// The first server on a store writes the check.
    /// - Throws: ``KeyVaultError/otherMasterKey(path:)``.
    public func checkMasterKey() async throws {
        let refused = KeyVaultError.otherMasterKey(path: settings.masterKeyPath.path)
        // A read on every start after the first: the write (and the writers' lock) only while there is no check.
        let stored: Data
        if let existing = try await store.vaultCheck() {
            stored = existing
        } else {
            // A store from before the check: a key that cannot open its sealed keys must not become the check,
            // or it would lock out the servers that hold the right one.
            if let project = try await store.projects().first,
               (try? vault.open(project.sealedPrivateKey, projectID: project.sealBinding)) == nil { throw refused }
            stored = try await store.vaultCheck(orInsert: try vault.sealCheck())
        }
        guard vault.opensCheck(stored) else { throw refused }
    }

    /// Opens (creating when absent) the store and master key under `settings.home`.
    /// - Parameter aws: invokes `lambda` jobs and publishes to `eventbridge` targets of the runs it drives.
    public init(settings: ManagerSettings, store: Store, http: HTTPClient, aws: AWSClient? = nil, logger: Logger) throws {
        self.settings = settings
        self.store = ManagerStore(db: store)
        self.vault = try KeyVault.open(file: settings.masterKeyPath)
        var engineConfiguration = OrchestrationEngine.Configuration(logger: logger)
        engineConfiguration.lease = settings.runLease
        self.engine = OrchestrationEngine(store: store, sender: CurlWebhookSender(http: http), aws: aws,
                                          configuration: engineConfiguration)
        self.http = http
        self.logger = logger
        self.limiter = AsyncLimiter(limit: settings.maxParallelProjects)
        self.blueprint = try WorkerBlueprint.load()
    }

    /// Registers the built-in jobs, resumes unfinished runs, starts the sweep schedule and the snapshot feed.
    public func start() async throws {
        registerBuiltins()
        // Runs left unfinished by a previous process (killed, crashed) continue from their logs.
        for run in try await engine.runs() where !(RunStatus(rawValue: run.status)?.isFinished ?? true) {
            try? await engine.resume(runID: run.id)
        }
        let changes = await engine.changes()
        tasks.append(Task { [weak self] in
            for await _ in changes { await self?.runsChanged() }
        })
        if settings.runLease != nil {
            await engine.keepLeases()
            // Other servers' work (their runs, sweeps, projects) reaches this one's dashboards through the store's
            // change notices.
            let elsewhere = store.db.logChanges()
            tasks.append(Task { [weak self] in
                for await _ in elsewhere { await self?.runsChanged() }
            })
        }
        if let interval = settings.sweepInterval {
            let shared = settings.sharedSchedule
            tasks.append(Task { [weak self] in
                while !Task.isCancelled {
                    guard let self else { return }
                    var next = interval
                    if shared {
                        // The team's slot: whoever claims it sweeps; the others sleep until it is due again.
                        if let slot = try? await self.store.claimSlot("sweep", interval: interval) {
                            if slot.claimed { _ = try? await self.sweepNow() }
                            next = max(.milliseconds(200), .seconds(max(0, slot.nextDue.timeIntervalSinceNow)))
                        }
                    } else {
                        _ = try? await self.sweepNow()
                    }
                    try? await Task.sleep(for: next)
                }
            })
        }
        await refresh()
    }

    public func shutdown() async {
        tasks.forEach { $0.cancel() }
        tasks.removeAll()
        await engine.shutdown()
        for c in subscribers.values { c.finish() }
        subscribers.removeAll()
    }

    // MARK: Snapshots

    public nonisolated func snapshots() -> AsyncStream<DashboardSnapshot> {
        let (stream, continuation) = AsyncStream.makeStream(of: DashboardSnapshot.self, bufferingPolicy: .bufferingNewest(1))
        Task { await self.subscribe(continuation) }
        return stream
    }

    /// The newest state: a refresh under way is waited for, and runs whose logs grew are read now rather than
    /// after their coalesced refresh (a change committed before this call is in what it returns, even when its
    /// notice is still on its way; when nothing moved that costs one `MAX(seq)`).
    public func currentSnapshot() async -> DashboardSnapshot {
        if let pendingRefresh { await pendingRefresh.value }
        runsRefreshPending = false
        await refreshRuns()
        return snapshot
    }

    /// Starts a refresh without waiting for it: of everything, or of the projects named. One at a time: a newer
    /// request waits for the older one, and joins the one already waiting if there is one.
    func refreshSoon(onlyProjects ids: Set<String>? = nil) {
        if let queued = queuedRefresh {
            queuedRefresh = queued.adding(ids)
            return
        }
        queuedRefresh = RefreshScope.of(ids)
        let previous = pendingRefresh
        refreshGeneration += 1
        let generation = refreshGeneration
        pendingRefresh = Task { [weak self] in
            await previous?.value
            await self?.runQueuedRefresh()
            await self?.refreshDone(generation)
        }
    }

    /// A refresh in the same queue, waited for: two refreshes at once could publish in the other order than
    /// they read (an older full reload replacing a newer project's rows).
    func refresh(onlyProjects ids: Set<String>? = nil) async {
        refreshSoon(onlyProjects: ids)
        await pendingRefresh?.value
    }

    private func runQueuedRefresh() async {
        guard let scope = queuedRefresh else { return }
        queuedRefresh = nil
        switch scope {
        case .everything: await refreshAll()
        case .projects(let ids): await refreshAll(onlyProjects: ids)
        }
    }

    private func refreshDone(_ generation: Int) {
        if generation == refreshGeneration { pendingRefresh = nil }
    }

    private func subscribe(_ c: AsyncStream<DashboardSnapshot>.Continuation) {
        let id = nextSubscriber
        nextSubscriber += 1
        subscribers[id] = c
        c.onTermination = { [weak self] _ in Task { await self?.unsubscribe(id) } }
        c.yield(snapshot)
    }

    private func unsubscribe(_ id: UInt64) { subscribers.removeValue(forKey: id) }

    func publish(_ update: (inout DashboardSnapshot) -> Void) {
        var s = snapshot
        update(&s)
        s.version = snapshot.version + 1
        // The newest sweep of any project counts, including onboarding's first sweeps.
        s.lastSweep = ([lastSweepAt] + s.projects.map(\.lastSweep)).compactMap { $0 }.max()
        s.lastError = lastError
        snapshot = s
        for c in subscribers.values { c.yield(s) }
    }

    /// Reloads from the store: everything after a sweep or a removal; after onboardings only those projects'
    /// namespaces replace their old ones (reloading every namespace after each of 200 onboardings would be
    /// quadratic).
    func refreshAll(onlyProjects ids: Set<String>? = nil) async {
        do {
            // Runs first: a sweep or onboarding listed as finished then has its data in what is read after. A
            // refresh of some projects leaves the runs to `refreshRuns`, which would otherwise not see another
            // server's onboarding finish (and so not read its namespaces).
            let runs = ids == nil ? try await engine.runs(changedAfter: nil) : nil
            if let runs { runsSeq = max(runsSeq, runs.newest) }
            let projects = try await store.projects().map(\.summary)
            var namespaces: [NamespaceStats] = []
            if let ids {
                for id in ids.sorted() { namespaces += try await store.latestNamespaces(projectID: id) }
            } else {
                namespaces = try await store.latestNamespaces()
            }
            let limits = settings.thresholds
            let disks = try await store.latestDisks().map { d in
                var d = d
                d.fullInLevel = limits.fullInLevel(d.fullInSeconds)
                return d
            }
            publish { s in
                let before = s
                s.projects = projects
                s.namespaces = ids.map { ids in s.namespaces.filter { !ids.contains($0.projectID) } + namespaces } ?? namespaces
                s.clusters = disks
                if let runs { s.runs = RunSummary.merging(s.runs, into: runs.runs) }
                s.data.record(from: before, to: s, onlyProjects: ids)
            }
        } catch {
            lastError = "Reading the store failed: \(error). Check that \(settings.home.path) is writable and not full."
            publish { _ in }
        }
    }

    /// Run events come in bursts (a sweep's jobs end by the hundred): one refresh per burst, at most ten a
    /// second, instead of one per event.
    private func runsChanged() {
        guard !runsRefreshPending else { return }
        runsRefreshPending = true
        Task { [weak self] in
            try? await Task.sleep(for: .milliseconds(100))
            await self?.flushRunsRefresh()
        }
    }

    private func flushRunsRefresh() async {
        guard runsRefreshPending else { return }
        runsRefreshPending = false
        await refreshRuns()
    }

    /// Runs and project states only.
    func refreshRuns() async {
        guard let changed = try? await engine.runs(changedAfter: runsSeq) else { return }
        runsSeq = max(runsSeq, changed.newest)
        guard !changed.runs.isEmpty else { return }
        let projects = (try? await store.projects().map(\.summary)) ?? snapshot.projects
        // In a team, a sweep or onboarding that just finished may be another server's: its namespaces and clusters
        // are in the store, so they are read again: everything after a sweep, the project after its onboarding
        // (not for users' runs, which change neither).
        let finished = settings.runLease == nil ? [] : Self.managerRunsFinished(from: snapshot.runs, to: changed.runs)
        // Merged into what is there when published: another refresh may have published while this one read.
        publish { $0.runs = RunSummary.merging(changed.runs, into: $0.runs); $0.projects = projects }
        if finished.contains(where: { $0.machine == SweepMachine.name }) {
            refreshSoon()
        } else if !finished.isEmpty {
            let runIDs = Set(finished.map(\.id))
            let onboarded = Set(projects.filter { $0.onboardingRunID.map(runIDs.contains) == true }.map(\.id))
            if !onboarded.isEmpty { refreshSoon(onlyProjects: onboarded) }
        }
    }

    /// The sweep and onboarding runs of `new` (changed runs) that were not finished in `old`.
    private static func managerRunsFinished(from old: [RunSummary], to new: [RunSummary]) -> [RunSummary] {
        let finishedBefore = Dictionary(old.map { ($0.id, RunStatus(rawValue: $0.status)?.isFinished == true) }, uniquingKeysWith: { a, _ in a })
        return new.filter { run in
            (run.machine == SweepMachine.name || run.machine.hasPrefix(OnboardingMachine.namePrefix))
                && RunStatus(rawValue: run.status)?.isFinished == true && finishedBefore[run.id] != true
        }
    }

    // MARK: Clients

    func credentials(of project: ProjectRow) throws -> AtlasCredentials {
        let secret = try vault.open(project.sealedPrivateKey, projectID: project.sealBinding)
        return project.credentialKind == "serviceAccount"
            ? .serviceAccount(clientID: project.publicKey, clientSecret: secret)
            : .apiKey(publicKey: project.publicKey, privateKey: secret)
    }

    func atlasClient(_ credentials: AtlasCredentials) -> AtlasClient {
        AtlasClient(baseURL: settings.endpoints.atlasBaseURL, credentials: credentials, http: http, itemsPerPage: settings.atlasPageSize)
    }

    func appClient(for project: ProjectRow) throws -> AppServicesClient {
        if let c = appClients[project.id] { return c }
        let c = AppServicesClient(baseURL: settings.endpoints.appServicesBaseURL, credentials: try credentials(of: project), http: http)
        appClients[project.id] = c
        return c
    }

    func forgetClients(_ projectID: String) { appClients.removeValue(forKey: projectID) }

    func requireProject(_ id: String) async throws -> ProjectRow {
        guard let p = try await store.project(id) else { throw ManagerError.unknownProject(id) }
        return p
    }

    // MARK: Runs (operator actions pass through to the engine)

    public func runLog(runID: String, after seq: Int64) async throws -> RunLog {
        try await engine.log(runID: runID, after: seq)
    }

    public func approve(runID: String) async throws { try await engine.approve(runID: runID) }
    public func retry(runID: String, job: String) async throws { try await engine.retry(runID: runID, job: job) }
    public func cancel(runID: String) async throws { try await engine.cancel(runID: runID) }

    public func history(projectID: String, cluster: String, db: String, collection: String) async throws -> [NamespaceSample] {
        try await store.history(projectID: projectID, cluster: cluster, db: db, collection: collection)
    }
}

/// What a queued refresh reloads.
enum RefreshScope {
    case everything
    case projects(Set<String>)

    static func of(_ ids: Set<String>?) -> RefreshScope { ids.map(RefreshScope.projects) ?? .everything }

    func adding(_ ids: Set<String>?) -> RefreshScope {
        guard case .projects(let mine) = self, let ids else { return .everything }
        return .projects(mine.union(ids))
    }
}
