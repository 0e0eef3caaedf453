import AtlasSandbox
import Foundation
import GRDB
import Testing
@testable import DashboardModel
@testable import TrotterSupport

/// `projects import` against the emulator: one organisation key, many projects, real runs and store.
@Suite(.serialized) struct ImportIntegrationTests {
    func key(_ h: ManagerHarness, org: Bool = false) -> ImportKey {
        ImportKey(publicKey: h.sandbox.credentials.publicKey, privateKey: Secret(h.sandbox.credentials.privateKey),
                  orgID: org ? h.sandbox.credentials.orgId : nil)
    }

    func importAll(_ h: ManagerHarness, match: String? = nil, org: Bool = false) async throws -> [ImportOutcome] {
        let listing = try await h.manager.listImport(key(h, org: org), match: match)
        return try await h.manager.importProjects(key(h, org: org), listing: listing)
    }

    func results(_ outcomes: [ImportOutcome]) -> [String: ImportOutcome.Result] {
        Dictionary(uniqueKeysWithValues: outcomes.map { ($0.id, $0.result) })
    }

    func sharedKeyCount(_ h: ManagerHarness) async throws -> Int {
        try await h.manager.engine.store.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM shared_keys") ?? -1 }
    }

    @Test func listingPagesPastOnePageOfProjects() async throws {
        // Page size 2 over 5 projects: three pages, every project once.
        try await ManagerHarness.with(projects: 5, clusters: 1, collections: 1, manager: { $0.atlasPageSize = 2 }) { h in
            let listing = try await h.manager.listImport(key(h, org: true))
            #expect(Set(listing.candidates.map(\.id)) == Set(h.sandbox.credentials.projects.map(\.id)))
            #expect(h.sandbox.requestCount(path: "/api/atlas/v2/orgs/\(h.sandbox.credentials.orgId)/groups") >= 3)
        }
    }

    @Test func anOrganisationOfMoreThan500ProjectsIsListedWhole() async throws {
        try await ManagerHarness.with(projects: 1_001, clusters: 1, collections: 1) { h in
            let listing = try await h.manager.listImport(key(h))
            #expect(listing.candidates.count == 1_001)
            #expect(listing.candidates.allSatisfy { $0.standing == .new })
        }
    }

    @Test func importOnboardsEveryProjectOnOneSealedKeyAndAgainChangesNothing() async throws {
        try await ManagerHarness.with(projects: 4, clusters: 2, collections: 3) { h in
            let ids = h.sandbox.credentials.projects.map(\.id)
            h.sandbox.setProjectPresent(ids[3], false) // created in Atlas only after the first import
            let first = try await importAll(h)
            #expect(results(first) == [ids[0]: .onboarded, ids[1]: .onboarded, ids[2]: .onboarded])
            #expect(await h.manager.currentSnapshot().namespaces.count == 3 * 2 * 3, "the first sweeps' data, published once at the end")
            let apps = await h.manager.currentSnapshot().projects.map(\.workerAppID)
            #expect(apps.allSatisfy { $0 != nil })
            #expect(try await sharedKeyCount(h) == 1)
            // The key is in the store once, sealed: not in any project row, not in clear anywhere in the file.
            let file = try await TestStore.contents(of: h.manager.engine.store, folder: h.home)
            #expect(file.range(of: Data(h.sandbox.credentials.privateKey.utf8)) == nil)

            h.sandbox.setProjectPresent(ids[3], true)
            let again = try await importAll(h)
            #expect(results(again) == [ids[0]: .alreadyOnboarded, ids[1]: .alreadyOnboarded, ids[2]: .alreadyOnboarded, ids[3]: .onboarded])
            let snapshot = await h.manager.currentSnapshot()
            #expect(snapshot.projects.count == 4 && snapshot.projects.allSatisfy { $0.state == .ready })
            #expect(Array(snapshot.projects.filter { $0.id != ids[3] }.map(\.workerAppID)) == apps, "worker apps untouched")
            #expect(try await sharedKeyCount(h) == 1)
            // The imported projects sweep on the shared key like any other.
            #expect(try await h.sweep().status == .succeeded)
        }
    }

    @Test func aProjectWhereTheKeyLacksOwnerFailsNamingTheRoleAndTheOthersOnboard() async throws {
        try await ManagerHarness.with(projects: 3, clusters: 1, collections: 2) { h in
            let ids = h.sandbox.credentials.projects.map(\.id)
            h.sandbox.setOwner(publicKey: h.sandbox.credentials.publicKey, projectID: ids[1], false)
            let outcomes = try await importAll(h)
            #expect(results(outcomes) == [ids[0]: .onboarded, ids[1]: .failed, ids[2]: .onboarded])
            let refused = try #require(outcomes.first { $0.id == ids[1] }?.reason)
            #expect(refused.contains("Project Owner"), "\(refused)")
            #expect(!refused.contains(h.sandbox.credentials.privateKey))
            let states = Dictionary(uniqueKeysWithValues: await h.manager.currentSnapshot().projects.map { ($0.id, $0.state) })
            #expect(states == [ids[0]: .ready, ids[1]: .failed, ids[2]: .ready])
            // Given the role, importing again onboards just that one.
            h.sandbox.setOwner(publicKey: h.sandbox.credentials.publicKey, projectID: ids[1], true)
            #expect(results(try await importAll(h))[ids[1]] == .onboarded)
        }
    }

    @Test func matchOnboardsOnlyTheNamesItFinds() async throws {
        try await ManagerHarness.with(projects: 6, clusters: 1, collections: 1) { h in
            let target = h.sandbox.credentials.projects[2].name
            let pattern = "^" + NSRegularExpression.escapedPattern(for: target) + "$"
            let outcomes = try await importAll(h, match: pattern)
            #expect(outcomes.map(\.name) == [target] && outcomes[0].result == .onboarded)
            #expect(await h.manager.currentSnapshot().projects.map(\.name) == [target])
        }
    }

    @Test func listingChangesNothing() async throws {
        try await ManagerHarness.with(projects: 3, clusters: 1, collections: 1) { h in
            let listing = try await h.manager.listImport(key(h, org: true), match: nil)
            #expect(listing.candidates.count == 3)
            #expect(await h.manager.currentSnapshot().projects.isEmpty)
            #expect(try await sharedKeyCount(h) == 0)
            #expect(h.sandbox.requestCounts.keys.allSatisfy { !$0.contains("/api/admin/") }, "no App Services call")
        }
    }

    @Test func aProjectRemovedFromTheOrganisationIsGoneNotASweepFailure() async throws {
        try await ManagerHarness.with(projects: 3, clusters: 1, collections: 2) { h in
            let ids = h.sandbox.credentials.projects.map(\.id)
            _ = try await importAll(h)
            h.sandbox.setProjectPresent(ids[0], false)
            let sweep = try await h.sweep()
            #expect(sweep.status == .succeeded, "a removed project does not fail the sweep")
            var gone = try #require(await h.manager.currentSnapshot().projects.first { $0.id == ids[0] })
            #expect(gone.state == .gone)
            #expect(gone.lastError?.contains("no longer in its Atlas organisation") == true)
            // The next sweep leaves it out.
            let next = try await h.sweep()
            #expect(next.allJobs.filter { $0.name.hasPrefix("collect-") }.count == 2)
            // Another one removed is found gone by the import's listing, without a sweep.
            h.sandbox.setProjectPresent(ids[1], false)
            let outcomes = try await importAll(h)
            #expect(results(outcomes) == [ids[1]: .gone, ids[2]: .alreadyOnboarded])
            // Back in the organisation: imported again.
            h.sandbox.setProjectPresent(ids[0], true)
            #expect(results(try await importAll(h))[ids[0]] == .onboarded)
            gone = try #require(await h.manager.currentSnapshot().projects.first { $0.id == ids[0] })
            #expect(gone.state == .ready)
        }
    }

    @Test func aServiceAccountListsButDoesNotOnboard() async throws {
        try await ManagerHarness.with(projects: 2, clusters: 1, collections: 1) { h in
            let sa = ImportKey(publicKey: h.sandbox.credentials.clientId, privateKey: Secret(h.sandbox.credentials.clientSecret))
            let listing = try await h.manager.listImport(sa)
            #expect(listing.candidates.count == 2)
            await #expect(throws: ManagerError.serviceAccountCannotOnboard) { try await h.manager.importProjects(sa, listing: listing) }
        }
    }

    @Test func malformedKeysAreRefusedBeforeAnyCall() async throws {
        try await ManagerHarness.with(projects: 1, clusters: 1, collections: 1) { h in
            for bad in [ImportKey(publicKey: "ABC", privateKey: Secret(h.sandbox.credentials.privateKey)),
                        ImportKey(publicKey: h.sandbox.credentials.publicKey, privateKey: Secret("nope")),
                        ImportKey(publicKey: h.sandbox.credentials.publicKey, privateKey: Secret(h.sandbox.credentials.privateKey), orgID: "xyz")] {
                await #expect(throws: ManagerError.self) { try await h.manager.listImport(bad) }
            }
            #expect(h.sandbox.requestCounts.isEmpty)
        }
    }
}
