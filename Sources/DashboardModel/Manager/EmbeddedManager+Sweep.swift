import Foundation

extension EmbeddedManager {
    /// Starts a sweep of every onboarded project, unless one is running (then returns that run).
    public func sweepNow() async throws -> String {
        if let active = activeSweep, (try? await engine.state(runID: active).status.isFinished) == false {
            return active
        }
        let projects = try await store.projects().filter { $0.workerAppID != nil && $0.state != .onboarding }
        guard let definition = SweepMachine.definition(projects: projects.map { ($0.id, $0.name) }) else {
            throw ManagerError.noProjects
        }
        let runID = try await engine.start(definition: definition)
        activeSweep = runID
        return runID
    }

    /// Collects one project into the store; a failure is recorded on the project (readable, no secrets)
    /// and rethrown so the sweep's job for it fails while the other projects go on.
    @discardableResult
    func collectProject(_ projectID: String) async throws -> String {
        let p = try await requireProject(projectID)
        do {
            guard let appID = p.workerAppID else { throw ManagerError.noWorkerApp(projectID: p.id) }
            let clusters = try await store.clusters(p.id).map(\.name)
            let collector = ProjectCollector(atlas: atlasClient(try credentials(of: p)), apps: try appClient(for: p))
            let result = try await limiter.run {
                try await collector.collect(projectID: p.id, workerAppID: appID, clusters: clusters)
            }
            let now = Date()
            try await store.recordSweep(projectID: p.id, at: result.collectedAt ?? now,
                                        namespaces: result.namespaces, disks: result.disks)
            let partial = result.clusterErrors.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }
            try await store.setSweepResult(p.id, at: now, error: partial.isEmpty ? nil : "partly read — " + partial.joined(separator: "; "))
            if p.state == .failed { try await store.setProjectState(p.id, .ready, error: nil) }
            return "\(result.namespaces.count) namespaces, \(result.disks.count) disks"
        } catch {
            let reason = "\(error)"
            try? await store.setSweepResult(p.id, at: nil, error: reason)
            if p.state == .ready { try? await store.setProjectState(p.id, .failed, error: reason) }
            logger.warning("sweep of project failed", metadata: ["project": "\(p.id)", "reason": "\(reason)"])
            throw error
        }
    }

    /// The sweep's last phase: prune old samples, raise threshold notifications, publish the new data.
    func sweepReport() async throws -> String {
        let now = Date()
        lastSweepAt = now
        activeSweep = nil
        try await store.prune(olderThan: now.addingTimeInterval(-settings.retention))
        try await thinHistory(now: now)
        // Publish first, then judge thresholds on what was published: one read of the namespaces, not two.
        await refreshAll()
        let namespaces = snapshot.namespaces
        let disks = snapshot.clusters
        var crossings: [ManagerStore.Crossing] = []
        let t = settings.thresholds
        for n in namespaces where t.isCompactCandidate(n) {
            let subject = "\(n.projectName)/\(n.cluster) \(n.namespace)"
            let message = "\(subject) holds \(ByteText.format(n.freeStorageSize)) reusable (\(Int(n.freeFraction * 100))% of its storage): a compact candidate."
            crossings.append(.init(kind: "compactCandidate", projectID: n.projectID, subject: subject, message: message))
        }
        for d in disks where t.level(of: d) == .critical {
            let subject = "\(d.projectName)/\(d.cluster)"
            let message = "\(subject) disk has \(Int(d.freeFraction * 100))% free (\(ByteText.format(d.diskFreeBytes)) of \(ByteText.format(d.diskTotalBytes)))."
            crossings.append(.init(kind: "diskLow", projectID: d.projectID, subject: subject, message: message))
        }
        let raised = try await store.raiseNotifications(crossings, at: now).map(\.message)
        for message in raised { logger.notice("threshold crossed", metadata: ["message": "\(message)"]) }
        await postToWebhooks(raised)
        return raised.isEmpty ? "no new threshold crossings" : "\(raised.count) notification(s)"
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

    /// The manager's own jobs, run by the engine like any user job.
    func registerBuiltins() {
        let handlers: [(String, @Sendable (EmbeddedManager, [String: String]) async throws -> String)] = [
            (OnboardingMachine.validateKeys, { m, p in try await m.onboardStep(p) { try await m.onboardValidateKeys($0) } }),
            (OnboardingMachine.discoverClusters, { m, p in try await m.onboardStep(p) { try await m.onboardDiscoverClusters($0) } }),
            (OnboardingMachine.deployWorker, { m, p in try await m.onboardStep(p) { try await m.onboardDeployWorker($0) } }),
            (OnboardingMachine.linkCluster, { m, p in try await m.onboardStep(p) { try await m.onboardLinkCluster($0, cluster: p["cluster"]) } }),
            (OnboardingMachine.installCollector, { m, p in try await m.onboardStep(p) { try await m.onboardInstallCollector($0) } }),
            (OnboardingMachine.firstSweep, { m, p in try await m.onboardStep(p) { try await m.onboardFirstSweep($0) } }),
            (SweepMachine.collectProject, { m, p in try await m.collectProject(p["project"] ?? "") }),
            (SweepMachine.report, { m, _ in try await m.sweepReport() }),
        ]
        for (name, handler) in handlers {
            engine.registerBuiltin(name: name) { [weak self] context in
                guard let self else { throw CancellationError() }
                return try await handler(self, context.params)
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
