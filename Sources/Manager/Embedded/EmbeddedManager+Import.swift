import AtlasAPI
import DashboardModel
import Foundation


extension EmbeddedManager {
    /// Every project the key can see (all pages), planned against the store; changes nothing.
    public func listImport(_ key: ImportKey, match: String? = nil) async throws -> ImportListing {
        try key.validate()
        let regex = try ImportPlan.regex(match)
        let atlas = atlasClient(key.credentials)
        let found: [AtlasProject]
        if let orgID = key.orgID { found = try await atlas.projects(orgID: orgID) } else { found = try await atlas.projects() }
        var existing: [ImportPlan.Existing] = []
        for p in try await store.projects() {
            var active = false
            if p.state == .onboarding, let run = p.onboardingRunID {
                active = !((try? await engine.state(runID: run).status.isFinished) ?? true)
            }
            existing.append(.init(id: p.id, name: p.name, orgID: p.orgID, state: p.state, sharedKeyID: p.sharedKeyID, runActive: active))
        }
        return ImportPlan.listing(found: found, existing: existing, match: regex, sharedKeyID: key.sharedKeyID, orgID: key.orgID)
    }

    /// Onboards the chosen projects of a listing, at most `maxParallelProjects` at once (as sweeps), each as its
    /// own onboarding run, all on one sealed copy of the key. Marks the listing's gone projects. `onOutcome`
    /// hears each project as it ends. A failed project does not stop the others.
    public func importProjects(_ key: ImportKey, listing: ImportListing, chosen: Set<String>? = nil,
                               onOutcome: @escaping @Sendable (ImportOutcome) -> Void = { _ in }) async throws -> [ImportOutcome] {
        try key.validate()
        let picked = listing.candidates.filter { chosen?.contains($0.id) ?? true }
        if key.isServiceAccount, picked.contains(where: \.willOnboard) { throw ManagerError.serviceAccountCannotOnboard }
        var outcomes: [ImportOutcome] = []
        for g in listing.gone {
            try await store.setProjectState(g.id, .gone, error: Self.goneReason)
            let o = ImportOutcome(id: g.id, name: g.name, result: .gone, reason: Self.goneReason)
            outcomes.append(o); onOutcome(o)
        }
        if picked.contains(where: \.willOnboard) {
            try await store.upsertSharedKey(SharedKeyRow(id: key.sharedKeyID, credentialKind: key.kind, publicKey: key.publicKey,
                                                         sealedPrivateKey: try vault.seal(key.privateKey, projectID: key.sharedKeyID),
                                                         orgID: key.orgID))
        }
        // One refresh at the end instead of one per project (each re-published every namespace so far: quadratic);
        // the Projects pane still follows each project's state through the run changes.
        importsRunning += 1
        defer { importsRunning -= 1 }
        let gate = AsyncLimiter(limit: settings.maxParallelProjects)
        let results = await withTaskGroup(of: ImportOutcome.self) { group in
            for c in picked {
                group.addTask {
                    let o = await (try? gate.run { await self.importOne(c, key: key) })
                        ?? ImportOutcome(id: c.id, name: c.name, result: .failed, reason: "cancelled")
                    onOutcome(o)
                    return o
                }
            }
            var all: [ImportOutcome] = []
            for await o in group { all.append(o) }
            return all
        }
        refreshSoon()
        return outcomes + results.sorted { ($0.name, $0.id) < ($1.name, $1.id) }
    }

    static let goneReason = "no longer in its Atlas organisation (not listed for the import key); `trotter projects remove ID` forgets it"

    private func importOne(_ c: ImportCandidate, key: ImportKey) async -> ImportOutcome {
        do {
            let runID: String
            switch c.standing {
            case .onboarded:
                return ImportOutcome(id: c.id, name: c.name, result: .alreadyOnboarded)
            case .onboarding:
                guard let run = try await store.project(c.id)?.onboardingRunID else { throw ManagerError.unknownProject(c.id) }
                runID = run
            case .new, .retry:
                runID = try await startImportedOnboarding(c, key: key)
            }
            let state = try await engine.waitForEnd(runID: runID)
            if state.status == .succeeded { return ImportOutcome(id: c.id, name: c.name, result: .onboarded, runID: runID) }
            let reason = try await store.project(c.id)?.lastError ?? "onboarding \(state.status.rawValue); `trotter runs show \(runID)` has the details"
            return ImportOutcome(id: c.id, name: c.name, result: .failed, runID: runID, reason: reason)
        } catch {
            return ImportOutcome(id: c.id, name: c.name, result: .failed, reason: "\(error)")
        }
    }

    /// The project row on the shared key, then its onboarding run (the same machine as `addProject`'s). The key
    /// was just listed with these projects, so the run's own validate step is the only extra check.
    private func startImportedOnboarding(_ c: ImportCandidate, key: ImportKey) async throws -> String {
        try await store.upsertProject(ProjectRow(
            id: c.id, name: c.name, orgID: c.orgID, credentialKind: key.kind, publicKey: key.publicKey,
            sealedPrivateKey: Data(), state: .onboarding, clusterCount: 0, workerAppID: nil, onboardingRunID: nil,
            lastSweep: nil, lastError: nil, createdAt: Date(), sharedKeyID: key.sharedKeyID))
        forgetClients(c.id)
        let runID = try await engine.start(definition: OnboardingMachine.definition(projectID: c.id, projectName: c.name, clusters: []))
        try await store.setOnboardingRun(c.id, runID: runID)
        return runID
    }
}
