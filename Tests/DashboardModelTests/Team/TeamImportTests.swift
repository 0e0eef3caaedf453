import AtlasSandbox
import Foundation
import Synchronization
import Testing
@testable import DashboardModel
@testable import Orchestration
@testable import TeamClient
@testable import TrotterSupport

/// `projects import` through a real server over the sandbox: the organisation key goes to the server in a request
/// body, the outcomes come back as the projects end, and the key is nowhere in what the server logs, audits or answers.
@Suite(.serialized) struct TeamImportTests {
    struct Setup {
        let sandbox: AtlasSandbox
        let h: TeamHarness
        let logs: LogCapture
        let ops: RemoteManager
        var key: ImportKey { ImportKey(publicKey: sandbox.credentials.publicKey, privateKey: Secret(sandbox.credentials.privateKey)) }
        var ids: [String] { sandbox.credentials.projects.map(\.id) }

        func stop() async { await h.stop(); await sandbox.stop() }

        /// The private key is in no log line, no audit entry, no answer of the server's.
        func expectKeyNowhere(_ answers: [String], logged: Bool = true, sourceLocation: SourceLocation = #_sourceLocation) async throws {
            let secret = sandbox.credentials.privateKey
            let audit = try await ops.audit()
            #expect(!logged || !logs.all.isEmpty, "the manager logged something to look in", sourceLocation: sourceLocation)
            #expect(!logs.all.contains { $0.contains(secret) }, "a log line has the private key", sourceLocation: sourceLocation)
            #expect(!audit.contains { $0.target.contains(secret) || $0.action.contains(secret) }, sourceLocation: sourceLocation)
            #expect(!answers.contains { $0.contains(secret) }, "an answer has the private key", sourceLocation: sourceLocation)
        }
    }

    static func start(projects: Int, configure: (inout SandboxConfiguration) -> Void = { _ in }) async throws -> Setup {
        var config = SandboxConfiguration()
        config.projects = projects
        config.clustersPerProject = 1
        config.collectionsPerCluster = 2
        config.seed = 5
        configure(&config)
        let sandbox = try await AtlasSandbox.start(config)
        let logs = LogCapture()
        let h = try await TeamHarness.start(atlas: sandbox.baseURL, logs: logs)
        let ops = h.client(try await h.team.createToken(name: "ops-lead", role: .operator))
        return Setup(sandbox: sandbox, h: h, logs: logs, ops: ops)
    }

    func results(_ outcomes: [ImportOutcome]) -> [String: ImportOutcome.Result] {
        Dictionary(uniqueKeysWithValues: outcomes.map { ($0.id, $0.result) })
    }

    @Test func listingAndImportingEverythingThroughTheServerAuditedWithTheTokensName() async throws {
        let s = try await Self.start(projects: 3)
        defer { Task { await s.stop() } }
        let listing = try await s.ops.listImport(s.key, match: nil)
        #expect(Set(listing.candidates.map(\.id)) == Set(s.ids))
        #expect(listing.candidates.allSatisfy { $0.standing == .new })
        #expect(await s.h.manager.currentSnapshot().projects.isEmpty, "listing changes nothing")

        let heard = Mutex<[ImportOutcome]>([])
        let outcomes = try await s.ops.importProjects(s.key, listing: listing, chosen: nil) { o in heard.withLock { $0.append(o) } }
        #expect(results(outcomes) == Dictionary(uniqueKeysWithValues: s.ids.map { ($0, .onboarded) }))
        #expect(Set(heard.withLock { $0 }) == Set(outcomes), "every outcome was streamed")
        let projects = await s.h.manager.currentSnapshot().projects
        #expect(projects.count == 3 && projects.allSatisfy { $0.state == .ready })

        // Again: nothing new, all already onboarded (the server's own listing says so).
        let again = try await s.ops.importProjects(s.key, listing: try await s.ops.listImport(s.key, match: nil), chosen: nil) { _ in }
        #expect(Set(again.map(\.result)) == [.alreadyOnboarded])

        let audit = try await s.ops.audit()
        #expect(audit.filter { $0.action == "projects.import" }.map(\.tokenName) == ["ops-lead", "ops-lead"])
        #expect(audit.contains { $0.action == "projects.import.list" && $0.target.contains("3 projects with key \(s.sandbox.credentials.publicKey)") })
        // The key is kept sealed by the server's vault, as in embedded mode: never in clear in its store.
        let file = try await TestStore.contents(of: s.h.manager.engine.store, folder: s.h.home)
        #expect(file.range(of: Data(s.sandbox.credentials.privateKey.utf8)) == nil)
        let answers = [try await rawListing(s), String(decoding: try TeamWire.encoder().encode(outcomes), as: UTF8.self)]
        try await s.expectKeyNowhere(answers)
    }

    /// A dashboard following the server gets deltas: a run's change carries no namespace, a sweep each project's
    /// once, and after imports, runs, a sweep and a removal its data is the server's.
    @Test func aFollowingDashboardGetsOnlyWhatChangedAndEndsWithTheServersData() async throws {
        let s = try await Self.start(projects: 3)
        defer { Task { await s.stop() } }
        let wall = s.h.client(try await s.h.team.createToken(name: "wall", role: .viewer))
        let seen = TeamStreamTests.Seen()
        let follower = Task { for await x in wall.snapshots() { await seen.add(x) } }
        defer { follower.cancel() }
        #expect(try await eventually { await seen.last != nil })
        /// The server's snapshot as the wire carries it (dates to the millisecond).
        func serverSnapshot() async throws -> DashboardSnapshot {
            let s = await s.h.manager.currentSnapshot()
            return try TeamWire.decoder().decode(DashboardSnapshot.self, from: TeamWire.encoder().encode(s))
        }
        func caughtUp() async -> Bool {
            guard let server = try? await serverSnapshot() else { return false }
            guard let mine = await seen.last else { return false }
            return Set(mine.namespaces) == Set(server.namespaces) && mine.namespaces.count == server.namespaces.count
                && Set(mine.clusters) == Set(server.clusters) && mine.runs == server.runs && mine.projects == server.projects
        }
        /// Waits for the dashboard to have the server's data; says how they differ when it does not.
        func expectCaughtUp(after what: String) async throws {
            let ok = try await eventually { await caughtUp() }
            let server = try await serverSnapshot(), mine = await seen.last ?? .empty
            let difference = ok ? "" : "namespaces \(Set(server.namespaces).symmetricDifference(Set(mine.namespaces)).count) apart, "
                + "clusters \(Set(server.clusters).symmetricDifference(Set(mine.clusters)).count), runs same \(server.runs == mine.runs), "
                + "projects same \(server.projects == mine.projects) (server \(Set(server.projects).subtracting(mine.projects)), "
                + "dashboard \(Set(mine.projects).subtracting(server.projects))), server data \(server.data), feed \(await wall.feedTraffic())"
            #expect(ok, "after \(what) the dashboard does not have the server's data: \(difference)")
        }

        _ = try await s.ops.importProjects(s.key, listing: try await s.ops.listImport(s.key, match: nil), chosen: nil) { _ in }
        try await expectCaughtUp(after: "the import")
        let total = await s.h.manager.currentSnapshot().namespaces.count
        #expect(total == 6, "3 projects of 1 cluster with 2 collections")
        let afterImport = await wall.feedTraffic()
        #expect(afterImport.deltas > 0)

        let run = try await s.ops.startRun(try MachineDefinition.parse(json: TeamAPITests.quick), stepMode: true)
        #expect(try await eventually { await seen.last?.runs.contains { $0.id == run } == true })
        try await expectCaughtUp(after: "a run")
        let afterRun = await wall.feedTraffic()
        #expect(afterRun.namespaceRows == afterImport.namespaceRows, "a run's change sent namespaces again")
        #expect(afterRun.deltas > afterImport.deltas)
        // Each delta since carries the one run that moved, not the import's and the onboardings' again.
        #expect(afterRun.runRows - afterImport.runRows <= afterRun.deltas - afterImport.deltas,
                "\(afterRun.runRows - afterImport.runRows) run rows in \(afterRun.deltas - afterImport.deltas) deltas")
        // And no project summary: a run changes none.
        #expect(afterRun.projectRows == afterImport.projectRows,
                "\(afterRun.projectRows - afterImport.projectRows) project rows in \(afterRun.deltas - afterImport.deltas) deltas")

        let sweptBefore = await s.h.manager.currentSnapshot().lastSweep
        _ = try await s.ops.sweepNow()
        #expect(try await eventually { await s.h.manager.currentSnapshot().lastSweep != sweptBefore })
        try await expectCaughtUp(after: "a sweep")
        let afterSweep = await wall.feedTraffic()
        #expect(afterSweep.namespaceRows - afterRun.namespaceRows <= 2 * total, "a sweep sent \(afterSweep.namespaceRows - afterRun.namespaceRows) rows")

        try await s.ops.removeProject(projectID: s.ids[0])
        try await expectCaughtUp(after: "a removal")
        #expect(await seen.last?.namespaces.contains { $0.projectID == s.ids[0] } == false)
    }

    @Test func aChosenSubsetIsAllThatIsImported() async throws {
        let s = try await Self.start(projects: 4)
        defer { Task { await s.stop() } }
        let listing = try await s.ops.listImport(s.key, match: nil)
        let chosen: Set = [s.ids[1], s.ids[3]]
        let outcomes = try await s.ops.importProjects(s.key, listing: listing, chosen: chosen) { _ in }
        #expect(results(outcomes) == [s.ids[1]: .onboarded, s.ids[3]: .onboarded])
        #expect(Set(await s.h.manager.currentSnapshot().projects.map(\.id)) == chosen)
        // --match is applied by the server's listing.
        let name = s.sandbox.credentials.projects[0].name
        let matched = try await s.ops.listImport(s.key, match: "^" + NSRegularExpression.escapedPattern(for: name) + "$")
        #expect(matched.candidates.map(\.id) == [s.ids[0]] && matched.filteredOut == 3)
    }

    @Test func outcomesAreStreamedInOrderAsProjectsEndAndARefusalIsPerProject() async throws {
        let s = try await Self.start(projects: 4)
        defer { Task { await s.stop() } }
        let slow = s.ids[0], refused = s.ids[2]
        s.sandbox.setFault(projectID: slow, .latency(ms: 300))
        s.sandbox.setOwner(publicKey: s.sandbox.credentials.publicKey, projectID: refused, false)
        let listing = try await s.ops.listImport(s.key, match: nil)
        let started = ContinuousClock.now
        let heard = Mutex<[(String, Duration)]>([])
        let outcomes = try await s.ops.importProjects(s.key, listing: listing, chosen: nil) { o in
            heard.withLock { $0.append((o.id, ContinuousClock.now - started)) }
        }
        let total = ContinuousClock.now - started
        let order = heard.withLock { $0 }
        #expect(results(outcomes) == [s.ids[0]: .onboarded, s.ids[1]: .onboarded, s.ids[2]: .failed, s.ids[3]: .onboarded])
        // The two fast projects end first and are heard first; the slow one (300 ms a request) after them.
        #expect(order.count == 4 && Set(order.prefix(2).map(\.0)) == [s.ids[1], s.ids[3]], "\(order)")
        #expect(order.firstIndex { $0.0 == slow }! >= 2)
        let firstHeard = try #require(order.first?.1)
        // The fast projects arrive while the slow one is still onboarding, not all at the end.
        #expect(firstHeard < total - .milliseconds(600), "first outcome at \(firstHeard), the import took \(total)")
        print("import order: \(order.map { "\($0.0 == slow ? "slow" : $0.0 == refused ? "refused" : "fast") \($0.1)" })")
        print("import through the server: first outcome after \(firstHeard), last after \(order.last!.1), call returned after \(total)")
        let reason = try #require(outcomes.first { $0.id == refused }?.reason)
        #expect(reason.contains("Project Owner"), "\(reason)")
        try await s.expectKeyNowhere([reason])
    }

    @Test func aViewerIs403AndAMalformedKeyIs400WithTheMessage() async throws {
        let s = try await Self.start(projects: 2)
        defer { Task { await s.stop() } }
        let viewer = s.h.client(try await s.h.team.createToken(name: "night-viewer", role: .viewer))
        do { _ = try await viewer.listImport(s.key, match: nil); Issue.record("a viewer listed with a key") } catch let e as RemoteError {
            guard case .forbidden(let m) = e else { Issue.record("expected 403, got \(e)"); return }
            #expect(m.contains("night-viewer") && m.contains("operator"))
        }
        let listing = try await s.ops.listImport(s.key, match: nil)
        do { _ = try await viewer.importProjects(s.key, listing: listing, chosen: nil) { _ in }; Issue.record("a viewer imported") }
        catch let e as RemoteError { guard case .forbidden = e else { Issue.record("expected 403, got \(e)"); return } }
        #expect(await s.h.manager.currentSnapshot().projects.isEmpty, "refused imports changed nothing")

        let bad = ImportKey(publicKey: s.sandbox.credentials.publicKey, privateKey: Secret("not-a-uuid-secret-123"))
        for call in [{ _ = try await s.ops.listImport(bad, match: nil) },
                     { _ = try await s.ops.importProjects(bad, listing: listing, chosen: nil) { _ in } }] as [@Sendable () async throws -> Void] {
            do { try await call(); Issue.record("a malformed key was accepted") } catch let e as RemoteError {
                guard case .refused(400, let m) = e else { Issue.record("expected 400, got \(e)"); continue }
                #expect(m.contains("Private key") && m.contains("UUID"), "\(m)")
                #expect(!m.contains("not-a-uuid-secret-123"))
            }
        }
        let badOrg = ImportKey(publicKey: s.sandbox.credentials.publicKey, privateKey: Secret(s.sandbox.credentials.privateKey), orgID: "nope")
        do { _ = try await s.ops.listImport(badOrg, match: nil); Issue.record("a bad --org was accepted") } catch let e as RemoteError {
            guard case .refused(400, let m) = e else { Issue.record("expected 400, got \(e)"); return }
            #expect(m.contains("24 hex"))
        }
        // A key Atlas refuses for the listing: the refusal, without the key.
        let wrong = ImportKey(publicKey: s.sandbox.credentials.publicKey, privateKey: Secret(UUID().uuidString.lowercased()))
        do { _ = try await s.ops.listImport(wrong, match: nil); Issue.record("a wrong key listed") } catch let e as RemoteError {
            guard case .refused(let status, let m) = e else { Issue.record("expected a refusal, got \(e)"); return }
            #expect(status == 502 && !m.contains(wrong.privateKey.reveal()), "\(status) \(m)")
        }
        let audited = try await s.ops.audit().filter { $0.action.hasPrefix("projects.import") }.map(\.action)
        #expect(audited == ["projects.import.list"], "only the operator's good listing; refused calls are not audited")
        try await s.expectKeyNowhere([], logged: false)
    }

    @Test func jsonLinesAreSplitWhateverTheChunkBoundariesAndHeartbeatsAreDropped() throws {
        let body = Array("{\"outcome\":{\"id\":\"a\"}}\n\n{\"outcomes\":[]}\r\n  \n{\"x\":1}\n".utf8)
        for cut in 1..<body.count {
            var parser = JSONLinesParser()
            let lines = parser.feed(Array(body[..<cut])) + parser.feed(Array(body[cut...]))
            #expect(lines.map { String(decoding: $0, as: UTF8.self) } == [#"{"outcome":{"id":"a"}}"#, "{\"outcomes\":[]}\r", #"{"x":1}"#],
                    "cut at \(cut)")
        }
        var parser = JSONLinesParser()
        #expect(parser.feed(Array(#"{"half":"#.utf8)).isEmpty, "nothing before its newline")
    }

    /// The listing's JSON exactly as the server sends it.
    func rawListing(_ s: Setup) async throws -> String {
        String(decoding: try await s.ops.client.call(.post, "/v1/imports/list", body: TeamWire.ImportList(key: s.key, match: nil)), as: UTF8.self)
    }
}
