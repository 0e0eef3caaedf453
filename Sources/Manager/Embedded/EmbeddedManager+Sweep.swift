import DashboardModel
import Foundation
import OrchestrationEngine

extension EmbeddedManager {
    /// Starts a sweep of every onboarded project, unless one has not ended (then returns that run). What counts is
    /// the store, not this process's memory: a sweep resumed after a restart, or driven by another trotter, is
    /// the active one, and no second sweep starts beside it.
    public func sweepNow() async throws -> String {
        let projects = try await store.projects().filter { $0.workerAppID != nil && $0.state != .onboarding && $0.state != .gone }
        guard let definition = SweepMachine.definition(projects: projects.map { ($0.id, $0.name) }) else {
            throw ManagerError.noProjects
        }
        return try await engine.startUnlessRunning(definition: definition).runID
    }

    /// Collects one project into the store; a failure is recorded on the project (readable, no secrets)
    /// and rethrown so the sweep's job for it fails while the other projects go on.
    /// `judgedFor`: a sweep's jobs judge the thresholds on what they just read and keep the crossings in the store
    /// under the sweep's run, so its report phase raises them even after a restart (onboarding's first sweep
    /// leaves judging to the next sweep).
    @discardableResult
    func collectProject(_ projectID: String, judgedFor sweepRunID: String? = nil) async throws -> String {
        guard let (p, clusterRows) = try await store.projectWithClusters(projectID) else { throw ManagerError.unknownProject(projectID) }
        do {
            guard let appID = p.workerAppID else { throw ManagerError.noWorkerApp(projectID: p.id) }
            let clusters = clusterRows.map(\.name)
            let collector = ProjectCollector(atlas: atlasClient(try credentials(of: p)), apps: try appClient(for: p))
            let result = try await limiter.run {
                try await collector.collect(projectID: p.id, workerAppID: appID, clusters: clusters)
            }
            let now = Date()
            let partial = result.clusterErrors.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }
            try await store.recordSweep(projectID: p.id, at: result.collectedAt ?? now, namespaces: result.namespaces, disks: result.disks,
                                        result: (now, partial.isEmpty ? nil : "partly read — " + partial.joined(separator: "; ")))
            if let sweepRunID {
                let fullIn = try await forecasts(projectID: p.id, disks: result.disks)
                try await store.recordSweepCrossings(Self.crossings(project: p, result: result, thresholds: settings.thresholds, fullIn: fullIn),
                                                     runID: sweepRunID, projectID: p.id)
            }
            if p.state == .failed { try await store.setProjectState(p.id, .ready, error: nil) }
            return "\(result.namespaces.count) namespaces, \(result.disks.count) disks"
        } catch {
            if await isGoneFromAtlas(p) {
                try? await store.setProjectState(p.id, .gone, error: Self.goneReason)
                logger.notice("project gone from its organisation", metadata: ["project": "\(p.id)"])
                return "project gone from Atlas: no longer swept"
            }
            let reason = "\(error)"
            try? await store.setSweepResult(p.id, at: nil, error: reason)
            if p.state == .ready { try? await store.setProjectState(p.id, .failed, error: reason) }
            logger.warning("sweep of project failed", metadata: ["project": "\(p.id)", "reason": "\(reason)"])
            throw error
        }
    }

    /// The sweep's last phase: prune old samples, raise the threshold crossings its jobs found, publish the
    /// new data. Publishing (a read of every namespace, ~0.2 s at 60,000) is not awaited: the run is done
    /// when the data is stored and people are told; `currentSnapshot()` waits for a pending publish.
    func sweepReport(runID: String) async throws -> String {
        let now = Date()
        lastSweepAt = now
        try await store.prune(olderThan: now.addingTimeInterval(-settings.retention))
        try await thinHistory(now: now)
        let raised = try await store.raiseSweepCrossings(runID: runID, at: now).map(\.message)
        for message in raised { logger.notice("threshold crossed", metadata: ["message": "\(message)"]) }
        await postToWebhooks(raised)
        refreshSoon()
        return raised.isEmpty ? "no new threshold crossings" : "\(raised.count) notification(s)"
    }

    /// One project's crossings, judged on the figures just read: compact candidates and disks low on space.
    /// `fullIn`: each cluster's "full in" forecast (seconds), judged against the yellow and red limits.
    static func crossings(project p: ProjectRow, result: ProjectCollector.Result, thresholds t: Thresholds,
                          fullIn: [String: TimeInterval] = [:]) -> [ManagerStore.Crossing] {
        var out: [ManagerStore.Crossing] = []
        for (cluster, n) in result.namespaces {
            let free = n.freeStorageSize, fraction = Thresholds.fraction(free, of: n.storageSize)
            guard t.isCompactCandidate(freeStorageSize: free, storageSize: n.storageSize) else { continue }
            let subject = "\(p.name)/\(cluster) \(n.db).\(n.collection)"
            let message = "\(subject) holds \(ByteText.format(free)) reusable (\(Int(fraction * 100))% of its storage): a compact candidate."
            out.append(.init(kind: "compactCandidate", projectID: p.id, subject: subject, message: message))
        }
        for d in result.disks where t.diskLevel(freeBytes: d.freeBytes, totalBytes: d.totalBytes) == .critical {
            let subject = "\(p.name)/\(d.cluster)"
            let message = "\(subject) disk has \(Int(Thresholds.fraction(d.freeBytes, of: d.totalBytes) * 100))% free (\(ByteText.format(d.freeBytes)) of \(ByteText.format(d.totalBytes)))."
            out.append(.init(kind: "diskLow", projectID: p.id, subject: subject, message: message))
        }
        out += fullInCrossings(project: p, fullIn: fullIn, thresholds: t)
        return out
    }

    /// Samples older than `fullResolution` keep one per namespace per hour. Runs when a new whole hour
    /// leaves the window (about once an hour), over the hours since the last time.
    func thinHistory(now: Date) async throws {
        let boundary = (now.timeIntervalSince1970 - settings.fullResolution).rounded(.down)
        let hour = (boundary / 3600).rounded(.down) * 3600
        guard hour > (lastThinnedHour ?? 0) else { return }
        // The first time in this process, everything back to the retention limit (a store from before thinning).
        let from = (lastThinnedHour ?? (hour - settings.retention)) - 3600
        try await store.thinSamples(from: Date(timeIntervalSince1970: from), to: Date(timeIntervalSince1970: hour))
        lastThinnedHour = hour
    }

    /// Slack-compatible `{"text": …}`, one message per crossing batch; a webhook failure is logged, not fatal.
    private func postToWebhooks(_ messages: [String]) async {
        guard !messages.isEmpty, !settings.notifyWebhooks.isEmpty else { return }
        let text = "GlobeTrotter: " + messages.joined(separator: "\n")
        guard let body = try? JSONEncoder().encode(["text": text]) else { return }
        for url in settings.notifyWebhooks {
            do {
                _ = try await CurlWebhookSender(http: http).post(url: url, json: body)
            } catch {
                logger.warning("webhook failed", metadata: ["error": "\(error)"])
            }
        }
    }

    /// The jobs a team's servers share out (``OrchestrationEngine/share(_:)``): a sweep's per-project collections
    /// and every onboarding step (each idempotent, so one taken over from a dead server may safely run again), so
    /// an import of an organisation is worked by every server. The sweep's report runs where its run is driven.
    public static let sharedBuiltins: Set<String> = [
        SweepMachine.collectProject,
        OnboardingMachine.validateKeys, OnboardingMachine.discoverClusters, OnboardingMachine.deployWorker,
        OnboardingMachine.linkCluster, OnboardingMachine.installCollector, OnboardingMachine.firstSweep,
    ]

    /// The manager's own jobs, run by the engine like any user job.
    func registerBuiltins() {
        let handlers: [(String, @Sendable (EmbeddedManager, BuiltinJobContext) async throws -> String)] = [
            (OnboardingMachine.validateKeys, { m, c in try await m.onboardStep(c.params) { try await m.onboardValidateKeys($0) } }),
            (OnboardingMachine.discoverClusters, { m, c in try await m.onboardStep(c.params) { try await m.onboardDiscoverClusters($0) } }),
            (OnboardingMachine.deployWorker, { m, c in try await m.onboardStep(c.params) { try await m.onboardDeployWorker($0) } }),
            (OnboardingMachine.linkCluster, { m, c in
                try await m.onboardStep(c.params) { try await m.onboardLinkCluster($0, cluster: c.params["cluster"]) } }),
            (OnboardingMachine.installCollector, { m, c in try await m.onboardStep(c.params) { try await m.onboardInstallCollector($0) } }),
            (OnboardingMachine.firstSweep, { m, c in try await m.onboardStep(c.params) { try await m.onboardFirstSweep($0) } }),
            (SweepMachine.collectProject, { m, c in try await m.collectProject(c.params["project"] ?? "", judgedFor: c.runID) }),
            (SweepMachine.report, { m, c in try await m.sweepReport(runID: c.runID) }),
        ]
        for (name, handler) in handlers {
            engine.registerBuiltin(name: name) { [weak self] context in
                guard let self else { throw CancellationError() }
                return try await handler(self, context)
            }
        }
    }

    /// Records an onboarding step's failure on the project, so the Projects pane says why.
    private func onboardStep(_ params: [String: String], _ body: (String) async throws -> String) async throws -> String {
        let id = params["project"] ?? ""
        do {
            return try await body(id)
        } catch {
            try? await store.setProjectState(id, .failed, error: "onboarding: \(error)")
            throw error
        }
    }
}
