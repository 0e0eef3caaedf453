import DashboardModel
import Foundation

/// The organisation import over the preview data: the key sees the onboarded projects and four more; a
/// project whose name starts with "legacy" refuses for want of Project Owner, as Atlas would.
extension PreviewManager {
    static let extraProjects = [("legacy-billing", "6650a1b2c3d4e5f6a7b80001"), ("prod-ledger", "6650a1b2c3d4e5f6a7b80002"),
                                ("stage-ledger", "6650a1b2c3d4e5f6a7b80003"), ("dev-ledger", "6650a1b2c3d4e5f6a7b80004")]

    public func listImport(_ key: ImportKey, match: String?) async throws -> ImportListing {
        if let problem = FieldValidation.publicKey(key.publicKey)
            ?? FieldValidation.privateKey(key.privateKey.reveal(), publicKey: key.publicKey) {
            throw PreviewError(description: problem)
        }
        let onboarded = state.withLock { $0.snapshot.projects }
        let known = onboarded.map { ImportCandidate(id: $0.id, name: $0.name, orgID: "preview", standing: $0.state == .ready ? .onboarded : .retry) }
        let extra = Self.extraProjects.filter { p in !onboarded.contains { $0.id == p.1 } }
            .map { ImportCandidate(id: $0.1, name: $0.0, orgID: "preview", standing: .new) }
        return ImportListing(candidates: (known + extra).sorted { $0.name < $1.name })
    }

    public func importProjects(_ key: ImportKey, listing: ImportListing, chosen: Set<String>?,
                               onOutcome: @escaping @Sendable (ImportOutcome) -> Void) async throws -> [ImportOutcome] {
        var outcomes: [ImportOutcome] = []
        for c in listing.candidates where chosen?.contains(c.id) ?? true {
            let o: ImportOutcome
            if !c.willOnboard {
                o = ImportOutcome(id: c.id, name: c.name, result: .alreadyOnboarded)
            } else if c.name.hasPrefix("legacy") {
                o = ImportOutcome(id: c.id, name: c.name, result: .failed,
                                  reason: "App Services answered HTTP 403: the API key needs the Project Owner role on this project.")
            } else {
                o = ImportOutcome(id: c.id, name: c.name, result: .onboarded, runID: "run-imp-" + c.id.suffix(4))
            }
            try mutate { s in
                s.snapshot.projects.removeAll { $0.id == c.id }
                s.snapshot.projects.append(ProjectSummary(id: c.id, name: c.name, state: o.result == .failed ? .failed : .ready,
                                                          clusterCount: 2, workerAppID: "app-" + c.id.suffix(4), onboardingRunID: o.runID,
                                                          lastSweep: s.clock, lastError: o.reason))
            }
            onOutcome(o)
            outcomes.append(o)
        }
        return outcomes
    }
}
