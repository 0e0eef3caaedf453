import AtlasSandbox
import Foundation
import Logging
import Testing
@testable import AtlasAPI
@testable import CurlHTTP
@testable import DashboardModel
@testable import Manager
@testable import TrotterSupport

@Suite(.serialized) struct ManagerIntegrationTests {
    @Test func onboardingDeploysAWorkerPerProjectLinkedToEveryCluster() async throws {
        try await ManagerHarness.with(projects: 3, clusters: 2, collections: 5) { h in
            for p in h.sandbox.credentials.projects {
                let run = try await h.onboard(p.id)
                #expect(run.status == .succeeded, "\(run.phases.map { "\($0.name)=\($0.status) \($0.jobs.map { "\($0.name):\($0.status):\($0.lastMessage ?? "")" })" })")
            }
            let snapshot = await h.manager.currentSnapshot()
            #expect(snapshot.projects.count == 3)
            #expect(snapshot.projects.allSatisfy { $0.state == .ready && $0.workerAppID != nil && $0.lastError == nil })
            // Ask the emulated App Services, through the real client, what each worker app holds.
            let apps = AppServicesClient(baseURL: h.sandbox.baseURL, credentials: .apiKey(publicKey: h.sandbox.credentials.publicKey,
                                         privateKey: Secret(h.sandbox.credentials.privateKey)), http: h.http)
            for p in snapshot.projects {
                let list = try await apps.listApps(projectID: p.id).filter { $0.name == WorkerBlueprint.appName }
                #expect(list.count == 1)
                let sources = try await apps.listDataSources(projectID: p.id, appID: try #require(p.workerAppID))
                #expect(sources.count == 2)
                let functions = try await apps.listFunctions(projectID: p.id, appID: try #require(p.workerAppID)).map(\.name)
                #expect(Set(functions) == [WorkerBlueprint.collectFunction, WorkerBlueprint.readFunction])
            }
            // The first sweep filled the namespace table: every collection of every cluster.
            #expect(snapshot.namespaces.count == 3 * 2 * 5)
            #expect(snapshot.clusters.count == 3 * 2)
            #expect(snapshot.clusters.allSatisfy { $0.diskTotalBytes > 0 })
            #expect(snapshot.lastSweep != nil, "onboarding's first sweeps count as the last sweep")
        }
    }

    /// Servers of a team share one store and must share its master key: one given another key is refused before it
    /// seals or opens anything, with what to do, and never becomes the store's check.
    @Test func aManagerWithAnotherMasterKeyIsRefusedAndOneWithTheSameKeyIsNot() async throws {
        try await ManagerHarness.with(projects: 1, clusters: 1, collections: 2) { h in
            let project = try #require(h.sandbox.credentials.projects.first)
            #expect(try await h.onboard(project.id).status == .succeeded)   // a sealed key, no check yet
            let store = await h.manager.engine.store
            let quiet = Logger(label: "test") { _ in SwiftLogNoOpLogHandler() }
            var elsewhere = h.manager.settings
            elsewhere.masterKeyFile = h.home.appendingPathComponent("other-host/master.key")   // a new key, made on open
            let other = try EmbeddedManager(settings: elsewhere, store: store, http: h.http, logger: quiet)
            func expectRefused(_ when: String) async {
                do {
                    try await other.checkMasterKey()
                    Issue.record("a manager with another master key was let in \(when)")
                } catch let error as KeyVaultError {
                    guard case .otherMasterKey(let path) = error else { Issue.record("expected otherMasterKey, got \(error)"); return }
                    #expect(path.hasSuffix("other-host/master.key"))
                    #expect(error.description.contains("--master-key"))
                } catch { Issue.record("expected KeyVaultError, got \(error)") }
            }
            // First on a store from before the check: its key cannot open the project's key, so it writes no check.
            await expectRefused("first")
            #expect(try await ManagerStore(db: store).vaultCheck() == nil)
            try await h.manager.checkMasterKey()                       // the right key writes the check
            let same = try EmbeddedManager(settings: h.manager.settings, store: store, http: h.http, logger: quiet)
            try await same.checkMasterKey()
            await expectRefused("after the check was written")
            try await same.checkMasterKey()                            // the refused one wrote nothing over it
            #expect(try await h.sweep().status == .succeeded)          // and the sealed key still opens
        }
    }

    @Test func reonboardingChangesNothingThatIsRight() async throws {
        try await ManagerHarness.with(projects: 1, clusters: 2, collections: 3) { h in
            let id = h.sandbox.credentials.projects[0].id
            try await h.onboard(id)
            let appID = await h.manager.currentSnapshot().projects.first?.workerAppID
            let again = try await h.onboard(id)
            #expect(again.status == .succeeded)
            #expect(again.job("deploy")?.lastMessage?.contains("reused") == true)
            #expect(again.allJobs.filter { $0.name.hasPrefix("link-") }.allSatisfy { $0.lastMessage?.contains("already linked") == true })
            #expect(await h.manager.currentSnapshot().projects.first?.workerAppID == appID)
            // The second first-sweep read the same worker snapshot: its samples replace, not duplicate.
            #expect(await h.manager.currentSnapshot().clusters.count == 2)
            let ns = try #require(await h.manager.currentSnapshot().namespaces.first)
            #expect(try await h.manager.history(projectID: ns.projectID, cluster: ns.cluster, db: ns.db, collection: ns.collection).count == 1)
        }
    }

    @Test func aSecondSweepAfterTheDataMovedShowsGrowthAndNewFreeSpace() async throws {
        try await ManagerHarness.with(projects: 2, clusters: 1, collections: 10) { h in
            for p in h.sandbox.credentials.projects { try await h.onboard(p.id) }
            let before = await h.manager.currentSnapshot().namespaces
            #expect(before.allSatisfy { $0.growthPerHour == nil })
            h.sandbox.advance(by: 12)
            let run = try await h.sweep()
            #expect(run.status == .succeeded)
            let after = await h.manager.currentSnapshot().namespaces
            #expect(after.count == before.count)
            #expect(after.contains { ($0.growthPerHour ?? 0) > 0 }, "some collection grew")
            let freeBefore = before.reduce(0) { $0 + $1.freeStorageSize }, freeAfter = after.reduce(0) { $0 + $1.freeStorageSize }
            #expect(freeAfter != freeBefore, "deletes changed reusable free space")
            let history = try await h.manager.history(projectID: after[0].projectID, cluster: after[0].cluster, db: after[0].db, collection: after[0].collection)
            #expect(history.count == 2)
        }
    }

    @Test func aSweepRaisesEachThresholdCrossingOnceAndNotForAFailedProject() async throws {
        // Thresholds low enough that the synthetic data crosses them on some namespaces and every disk.
        var t = Thresholds()
        t.compactMinBytes = 1 << 20
        t.compactFreeFraction = 0.05
        t.diskCriticalFreeFraction = 0.999
        try await ManagerHarness.with(projects: 3, clusters: 2, collections: 10, manager: { $0.thresholds = t }) { h in
            let ids = h.sandbox.credentials.projects.map(\.id)
            for id in ids { try await h.onboard(id) }
            #expect(try await h.manager.store.thresholdAlerts().isEmpty, "onboarding leaves raising to the sweeps")
            // Project 2 cannot be read this time: its old figures must not be judged again as if new.
            h.sandbox.setFault(projectID: ids[2], .rateLimitStorm(retryAfterSeconds: 30))
            h.sandbox.advance(by: 1)
            #expect(try await h.sweep().status == .failed)
            let snapshot = await h.manager.currentSnapshot()
            let fresh = snapshot.namespaces.filter { $0.projectID != ids[2] }
            let expected = Set(fresh.filter(t.isCompactCandidate).map { "compactCandidate \($0.projectName)/\($0.cluster) \($0.namespace)" })
                .union(snapshot.clusters.filter { $0.projectID != ids[2] && t.level(of: $0) == .critical }
                    .map { "diskLow \($0.projectName)/\($0.cluster)" })
            #expect(!expected.isEmpty && expected.count < fresh.count + 4, "the thresholds split the data: \(expected.count)")
            let raised = try await h.manager.store.thresholdAlerts()
            #expect(Set(raised.map { "\($0.kind) \($0.subject)" }) == expected)
            #expect(raised.count == expected.count)
            #expect(raised.allSatisfy { $0.projectID != ids[2] && !$0.message.isEmpty })
            // Still crossed a sweep later: inside the quiet period, nothing is raised twice.
            h.sandbox.setFault(projectID: ids[2], nil)
            #expect(try await h.sweep().status == .succeeded)
            let again = try await h.manager.store.thresholdAlerts()
            #expect(again.filter { $0.projectID != ids[2] }.count == raised.count)
            #expect(again.contains { $0.projectID == ids[2] }, "project 2, read again, is judged")
        }
    }

    @Test func aRevokedKeyARateLimitStormAndASlowProjectLeaveTheOthersComplete() async throws {
        var client = HTTPClientConfiguration.testing
        client.totalTimeout = 2
        try await ManagerHarness.with(projects: 4, clusters: 1, collections: 4, http: client) { h in
            let ids = h.sandbox.credentials.projects.map(\.id)
            // Project 0 gets its own key, which is revoked after onboarding.
            let key = h.sandbox.makeProjectKey(projectID: ids[0])
            try await h.onboard(ids[0], publicKey: key.publicKey, privateKey: key.privateKey)
            for id in ids.dropFirst() { try await h.onboard(id) }
            h.sandbox.revoke(publicKey: key.publicKey)
            h.sandbox.setFault(projectID: ids[1], .rateLimitStorm(retryAfterSeconds: 30))
            h.sandbox.setFault(projectID: ids[2], .latency(ms: 5_000))
            h.sandbox.advance(by: 1)
            let run = try await h.sweep()
            #expect(run.status == .failed)
            let projects = Dictionary(uniqueKeysWithValues: await h.manager.currentSnapshot().projects.map { ($0.id, $0) })
            let revoked = try #require(projects[ids[0]]?.lastError)
            #expect(revoked.localizedCaseInsensitiveContains("key"), "\(revoked)")
            let limited = try #require(projects[ids[1]]?.lastError)
            #expect(limited.localizedCaseInsensitiveContains("rate") || limited.contains("429"), "\(limited)")
            let slow = try #require(projects[ids[2]]?.lastError)
            #expect(slow.localizedCaseInsensitiveContains("time"), "\(slow)")
            #expect(projects[ids[3]]?.lastError == nil)
            #expect(projects[ids[3]]?.lastSweep != nil)
            let healthy = await h.manager.currentSnapshot().namespaces.filter { $0.projectID == ids[3] }
            #expect(healthy.count == 4)
            for reason in [revoked, limited, slow] { #expect(!reason.contains(h.sandbox.credentials.privateKey)) }
        }
    }

    @Test func theStoreFileHoldsNoPrivateKeyInClearText() async throws {
        try await ManagerHarness.with(projects: 1, clusters: 1, collections: 2) { h in
            try await h.onboard(h.sandbox.credentials.projects[0].id)
            let secret = Data(h.sandbox.credentials.privateKey.utf8)
            let files = try FileManager.default.contentsOfDirectory(atPath: h.home.path).filter { $0.hasPrefix("trotter.sqlite") || $0 == "trotter.log" }
            let database = try await TestStore.contents(of: h.manager.engine.store, folder: h.home)
            #expect(database.range(of: secret) == nil, "the store holds the private key in clear text")
            #expect(TestStore.onPostgres || files.contains("trotter.sqlite"))
            for f in files {
                let bytes = try Data(contentsOf: h.home.appendingPathComponent(f))
                #expect(bytes.range(of: secret) == nil, "\(f) holds the private key in clear text")
            }
        }
    }

    @Test func malformedFieldsAreRefusedBeforeAnyCall() async throws {
        try await ManagerHarness.with(projects: 1, clusters: 1, collections: 1) { h in
            await #expect(throws: ManagerError.self) {
                _ = try await h.manager.addProject(projectID: "nothex", publicKey: "abcdwxyz", privateKey: "0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b")
            }
            #expect(await h.manager.currentSnapshot().projects.isEmpty)
        }
    }

    @Test func aWrongKeyIsRefusedWithAReadableReasonAndNothingIsStored() async throws {
        try await ManagerHarness.with(projects: 1, clusters: 1, collections: 1) { h in
            let wrong = "0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b"
            do {
                _ = try await h.manager.addProject(projectID: h.sandbox.credentials.projects[0].id, publicKey: h.sandbox.credentials.publicKey, privateKey: wrong)
                Issue.record("a wrong key must be refused")
            } catch {
                #expect(!"\(error)".contains(wrong))
                #expect("\(error)".localizedCaseInsensitiveContains("key"), "\(error)")
            }
            #expect(await h.manager.currentSnapshot().projects.isEmpty)
        }
    }
}
