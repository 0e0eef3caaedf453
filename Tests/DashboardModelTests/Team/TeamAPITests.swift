import Foundation
import Testing
@testable import DashboardModel
@testable import Orchestration
@testable import TeamClient

/// The /v1 API of `trotter serve` over real HTTP on 127.0.0.1: tokens and roles, the audit, and what never leaves.
@Suite(.serialized) struct TeamAPITests {
    static let quick = #"""
        {"name": "quick", "phases": [{"name": "only", "jobs": [{"name": "hello", "run": {"command": ["sh", "-c", "echo hi"]}}]}]}
        """#

    @Test func aMissingOrRevokedTokenIs401AndAViewerChangingThingsIs403() async throws {
        let h = try await TeamHarness.start()
        defer { Task { await h.stop() } }
        let operatorToken = try await h.team.createToken(name: "ops-lead", role: .operator)
        let viewerToken = try await h.team.createToken(name: "night-viewer", role: .viewer)
        let revoked = try await h.team.createToken(name: "old-laptop", role: .operator)
        try await h.team.revoke(name: "old-laptop")
        let definition = try MachineDefinition.parse(json: Self.quick)

        await #expect(throws: RemoteError.self) { _ = try await h.client(nil).runs() }
        do { _ = try await h.client(nil).runs(); Issue.record("no token was accepted") } catch let e as RemoteError {
            guard case .unauthorized = e else { Issue.record("expected 401, got \(e)"); return }
        }
        do { _ = try await h.client(revoked).runs(); Issue.record("a revoked token was accepted") } catch let e as RemoteError {
            guard case .unauthorized = e else { Issue.record("expected 401, got \(e)"); return }
        }
        do { _ = try await h.client("trt_" + String(repeating: "0", count: 64)).fetchSnapshot(); Issue.record("a made-up token was accepted") }
        catch let e as RemoteError { guard case .unauthorized = e else { Issue.record("expected 401, got \(e)"); return } }

        let viewer = h.client(viewerToken)
        #expect(try await viewer.runs().isEmpty)
        do { _ = try await viewer.startRun(definition, stepMode: nil); Issue.record("a viewer started a run") } catch let e as RemoteError {
            guard case .forbidden(let message) = e else { Issue.record("expected 403, got \(e)"); return }
            #expect(message.contains("night-viewer") && message.contains("operator"))
        }
        #expect(try await viewer.runs().isEmpty, "a refused action changed nothing")

        let operatorClient = h.client(operatorToken)
        let runID = try await operatorClient.startRun(definition, stepMode: nil)
        let final = try await operatorClient.follow(runID: runID, every: .milliseconds(50))
        #expect(final.status == .succeeded)
        #expect(try await viewer.runs().map(\.id) == [runID])
        do { try await viewer.cancel(runID: runID); Issue.record("a viewer cancelled") } catch let e as RemoteError {
            guard case .forbidden = e else { Issue.record("expected 403, got \(e)"); return }
        }

        let audit = try await viewer.audit()
        #expect(audit.map(\.tokenName) == ["ops-lead"])
        #expect(audit.first?.action == "machines.run" && audit.first?.target.contains(runID) == true)

        // Only digests are kept: no token is anywhere in the store's file.
        let bytes = try await TestStore.contents(of: h.manager.engine.store, folder: h.home)
        for token in [operatorToken, viewerToken, revoked] { #expect(bytes.range(of: Data(token.utf8)) == nil) }
    }

    @Test func stepModeApprovedThroughTheServerIsRecordedWithTheTokensName() async throws {
        let h = try await TeamHarness.start()
        defer { Task { await h.stop() } }
        let ops = h.client(try await h.team.createToken(name: "ops-lead", role: .operator))
        let runID = try await ops.startRun(try MachineDefinition.parse(json: Self.quick), stepMode: true)
        #expect(try await eventually { try await ops.runs().first?.status == "awaitingApproval" })
        try await ops.approve(runID: runID)
        #expect(try await ops.follow(runID: runID, every: .milliseconds(50)).status == .succeeded)
        #expect(try await ops.audit().map(\.action) == ["machines.run", "runs.approve"])
        // The run's own log names the token too (the inspector shows it), not the server process's user.
        let approvals = try await ops.runLog(runID: runID, after: 0).events.filter { $0.kind == .approved }
        #expect(approvals.map(\.detail) == ["approved by ops-lead"])

        // So do a cancel and a retry, each by the token that asked.
        let night = h.client(try await h.team.createToken(name: "night-ops", role: .operator))
        let waiting = try await ops.startRun(try MachineDefinition.parse(json: Self.quick), stepMode: true)
        #expect(try await eventually { try await ops.runs().first { $0.id == waiting }?.status == "awaitingApproval" })
        try await night.cancel(runID: waiting)
        #expect(try await night.follow(runID: waiting, every: .milliseconds(50)).status == .cancelled)
        let failing = try await ops.startRun(try MachineDefinition.parse(json: #"""
            {"name": "flaky", "phases": [{"name": "only", "jobs": [{"name": "once", "run": {"command": ["false"]}}]}]}
            """#), stepMode: nil)
        #expect(try await ops.follow(runID: failing, every: .milliseconds(50)).status == .failed)
        try await night.retry(runID: failing, job: "once")
        let cancelled = try await ops.runLog(runID: waiting, after: 0).events.filter { $0.kind == .cancelRequested }
        let retried = try await ops.runLog(runID: failing, after: 0).events.filter { $0.kind == .retryRequested }
        #expect(cancelled.map(\.detail) == ["cancelled by night-ops"])
        #expect(retried.map(\.detail) == ["retry requested by night-ops"])
    }

    @Test func aWebhookPathNeverLeavesTheServer() async throws {
        let h = try await TeamHarness.start()
        defer { Task { await h.stop() } }
        let ops = h.client(try await h.team.createToken(name: "ops", role: .operator))
        let definition = try MachineDefinition.parse(json: #"""
            {"name": "hooked", "notify": [{"webhook": "http://127.0.0.1:9/services/T000/B000/sekrit-path-42"}],
             "phases": [{"name": "only", "jobs": [{"name": "hello", "run": {"command": ["true"]}}]}]}
            """#)
        let runID = try await ops.startRun(definition, stepMode: true)
        let raw = try await ops.client.call(.get, "/v1/runs/\(runID)/log?after=0")
        #expect(!String(decoding: raw, as: UTF8.self).contains("sekrit-path-42"))
        let log = try await ops.runLog(runID: runID, after: 0)
        #expect(log.definition.notify.map(\.webhook) == ["http://127.0.0.1:9/…"])
        try await ops.cancel(runID: runID)
    }

    @Test func healthAndReadinessNeedNoToken() async throws {
        let h = try await TeamHarness.start()
        defer { Task { await h.stop() } }
        let client = RemoteClient(target: RemoteTarget(baseURL: h.baseURL, token: nil), http: TeamHarness.clientHTTP)
        #expect(String(decoding: try await client.call(.get, "/healthz"), as: UTF8.self) == "ok\n")
        #expect(String(decoding: try await client.call(.get, "/readyz"), as: UTF8.self) == "ready\n")
    }
}
