import AtlasAPI
import DashboardModel
import Foundation
import TrotterSupport

extension EmbeddedManager {
    /// The form's path: shapes first (no network), then the keys against Atlas (read the project), and only
    /// then the sealed keys are stored and the onboarding run starts.
    public func addProject(projectID rawID: String, publicKey rawPublic: String, privateKey rawPrivate: String) async throws -> String {
        let form = ProjectKeyForm(projectID: rawID, publicKey: rawPublic, privateKey: rawPrivate)
        if let first = form.problems.first {
            throw ManagerError.invalidField(field: first.field.rawValue, message: first.message)
        }
        let id = ProjectKeyForm.trimmed(rawID).lowercased()
        let publicKey = ProjectKeyForm.trimmed(rawPublic)
        let privateKey = Secret(ProjectKeyForm.trimmed(rawPrivate))
        let credentials: AtlasCredentials = form.isServiceAccount
            ? .serviceAccount(clientID: publicKey, clientSecret: privateKey)
            : .apiKey(publicKey: publicKey, privateKey: privateKey)

        if let existing = try await store.project(id), existing.state == .onboarding,
           let run = existing.onboardingRunID, !(try await engine.state(runID: run).status.isFinished) {
            throw ManagerError.alreadyOnboarding(id)
        }
        let atlas = atlasClient(credentials)
        let project = try await atlas.project(id: id)
        let clusters = (try? await atlas.clusters(projectID: id).map(\.name)) ?? []

        try await store.upsertProject(ProjectRow(
            id: id, name: project.name, orgID: project.orgId, credentialKind: form.isServiceAccount ? "serviceAccount" : "apiKey",
            publicKey: publicKey, sealedPrivateKey: try vault.seal(privateKey, projectID: id), state: .onboarding,
            clusterCount: clusters.count, workerAppID: nil, onboardingRunID: nil, lastSweep: nil, lastError: nil,
            createdAt: Date()))
        forgetClients(id) // new keys: log in again
        logger.info("onboarding project", metadata: ["project": "\(id)", "clusters": "\(clusters.count)"])
        let runID = try await engine.start(definition: OnboardingMachine.definition(projectID: id, projectName: project.name, clusters: clusters))
        try await store.setOnboardingRun(id, runID: runID)
        await refreshRuns()
        return runID
    }

    /// Forgets a project: its sealed keys, clusters and samples are deleted. The worker app stays in Atlas.
    public func removeProject(projectID rawID: String) async throws {
        let id = ProjectKeyForm.trimmed(rawID).lowercased()
        guard try await store.deleteProject(id) else { throw ManagerError.unknownProject(id) }
        forgetClients(id)
        logger.info("removed project", metadata: ["project": "\(id)"])
        await refresh()
    }

    // MARK: Onboarding jobs (built-ins; each is idempotent)

    func onboardValidateKeys(_ projectID: String) async throws -> String {
        let p = try await requireProject(projectID)
        let project = try await atlasClient(try credentials(of: p)).project(id: p.id)
        return "keys can read project \(project.name)"
    }

    func onboardDiscoverClusters(_ projectID: String) async throws -> String {
        let p = try await requireProject(projectID)
        let clusters = try await atlasClient(try credentials(of: p)).clusters(projectID: p.id)
        try await store.replaceClusters(p.id, clusters.map {
            ClusterRow(name: $0.name, stateName: $0.stateName, mongoDBVersion: $0.mongoDBVersion, diskSizeGB: $0.diskSizeGB, dataSource: nil)
        })
        return "\(clusters.count) cluster(s): \(clusters.map(\.name).joined(separator: ", "))"
    }

    /// Reuses the worker app when one with our name exists (re-onboarding), else creates it.
    func onboardDeployWorker(_ projectID: String) async throws -> String {
        let p = try await requireProject(projectID)
        let apps = try appClient(for: p)
        if let existing = try await apps.listApps(projectID: p.id).first(where: { $0.name == WorkerBlueprint.appName }) {
            try await store.setWorkerApp(p.id, appID: existing._id)
            return "reused worker app \(existing._id)"
        }
        let app = try await apps.createApp(projectID: p.id, name: WorkerBlueprint.appName)
        try await store.setWorkerApp(p.id, appID: app._id)
        return "created worker app \(app._id)"
    }

    /// Links one cluster (or, with no cluster named, every cluster not linked yet) as a data source.
    func onboardLinkCluster(_ projectID: String, cluster: String?) async throws -> String {
        let p = try await requireProject(projectID)
        guard let appID = p.workerAppID else { throw ManagerError.noWorkerApp(projectID: p.id) }
        let apps = try appClient(for: p)
        let targets: [String]
        if let cluster { targets = [cluster] } else { targets = try await store.clusters(p.id).filter { $0.dataSource == nil }.map(\.name) }
        // Side by side: an imported project links all its clusters in one job, one round trip instead of one each.
        let projectID = p.id, store = store
        let said = try await withThrowingTaskGroup(of: String.self) { group in
            for name in targets {
                group.addTask {
                    let source = WorkerBlueprint.dataSourceName(forCluster: name)
                    let outcome = try await apps.createDataSource(projectID: projectID, appID: appID, name: source, clusterName: name)
                    try await store.setDataSource(projectID, cluster: name, dataSource: source)
                    if case .alreadyExists = outcome { return "\(name) already linked" }
                    return "\(name) linked"
                }
            }
            var all: [String] = []
            for try await line in group { all.append(line) }
            return all.sorted()
        }
        return said.isEmpty ? "no cluster to link" : said.joined(separator: ", ")
    }

    /// Installs (or updates to this version) both worker functions and the collector's scheduled trigger.
    func onboardInstallCollector(_ projectID: String) async throws -> String {
        _ = try await onboardLinkCluster(projectID, cluster: nil) // clusters discovered after the link phase
        let p = try await requireProject(projectID)
        guard let appID = p.workerAppID else { throw ManagerError.noWorkerApp(projectID: p.id) }
        let apps = try appClient(for: p)
        let sources = try await store.clusters(p.id).compactMap { c in
            c.dataSource.map { WorkerBlueprint.DataSource(dataSource: $0, clusterName: c.name) }
        }
        let existing = try await apps.listFunctions(projectID: p.id, appID: appID)
        var collectID: String?
        var said: [String] = []
        for name in [WorkerBlueprint.collectFunction, WorkerBlueprint.readFunction] {
            let source = blueprint.source(of: name, dataSources: sources)
            if let f = existing.first(where: { $0.name == name }) {
                try await apps.updateFunction(projectID: p.id, appID: appID, id: f._id, name: name, source: source,
                                              private: true, runAsSystem: true)
                said.append("updated \(name)")
                if name == WorkerBlueprint.collectFunction { collectID = f._id }
            } else {
                let f = try await apps.createFunction(projectID: p.id, appID: appID, name: name, source: source,
                                                      private: true, runAsSystem: true)
                said.append("created \(name)")
                if name == WorkerBlueprint.collectFunction { collectID = f._id }
            }
        }
        let triggers = try await apps.listTriggers(projectID: p.id, appID: appID)
        if let collectID, !triggers.contains(where: { $0.name == WorkerBlueprint.triggerName }) {
            _ = try await apps.createScheduledTrigger(projectID: p.id, appID: appID, name: WorkerBlueprint.triggerName,
                                                      functionID: collectID, schedule: WorkerBlueprint.defaultSchedule)
            said.append("scheduled \(WorkerBlueprint.triggerName)")
        }
        return said.joined(separator: ", ")
    }

    /// Runs the collector once (so data exists before the trigger's first tick), then collects the project.
    func onboardFirstSweep(_ projectID: String) async throws -> String {
        let p = try await requireProject(projectID)
        guard let appID = p.workerAppID else { throw ManagerError.noWorkerApp(projectID: p.id) }
        _ = try await appClient(for: p).executeFunction(projectID: p.id, appID: appID, name: WorkerBlueprint.collectFunction,
                                                        arguments: [.object(["budgetMs": .int(240_000)])])
        let said = try await collectProject(projectID)
        try await store.setProjectState(p.id, .ready, error: nil)
        if importsRunning == 0 { await refresh(onlyProjects: [p.id]) }
        return said
    }
}
