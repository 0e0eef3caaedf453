import DashboardModel
import Foundation
import Manager
import Orchestration
import OrchestrationEngine

/// The routes of `/v1/...` over the embedded manager: who may call them (tokens and roles), what each does,
/// and the audit of every operator action.
struct TeamAPI: Sendable {
    let manager: EmbeddedManager
    let team: TeamStore
    let feed: TeamFeed
    let engine: OrchestrationEngine
    let metrics: TeamMetrics
    let snapshots = SnapshotResponses()

    func handle(_ request: TeamRequest) async -> TeamResponse {
        do {
            return try await route(request)
        } catch let error as TeamAPIError {
            return .failure(error.status, error.message)
        } catch let error as ManagerError {
            switch error {
            case .invalidField: return .failure(400, error.description)
            case .unknownProject: return .failure(404, error.description)
            default: return .failure(409, error.description)
            }
        } catch let error as EngineError {
            switch error.code {
            case .unknownRun, .unknownJob: return .failure(404, error.message)
            default: return .failure(409, error.message)
            }
        } catch let error as DefinitionError {
            return .failure(400, "\(error)")
        } catch {
            return .failure(500, "The server failed: \(error)")
        }
    }

    private func route(_ r: TeamRequest) async throws -> TeamResponse {
        let s = r.segments
        switch (r.method, s.joined(separator: "/")) {
        case ("GET", "healthz"): return .text("ok\n")
        case ("GET", "readyz"): return .text("ready\n")
        case ("POST", "v1/reports"): return try await report(r)
        case ("GET", "metrics"):
            // A reader's token, like every other read: the metrics name projects, clusters and collections.
            _ = try await authenticate(r, needs: .viewer)
            return TeamResponse(status: 200, contentType: "text/plain; version=0.0.4; charset=utf-8",
                                body: metrics.render(await manager.currentSnapshot()))
        default: break
        }
        guard s.first == TeamWire.version else { throw TeamAPIError(404, "No route \(r.method) /\(s.joined(separator: "/")); the API is under /v1.") }
        let caller = try await authenticate(r, needs: r.method == "GET" ? .viewer : .operator)
        let (key, id) = Self.routeKey(Array(s.dropFirst()))
        switch (r.method, key) {
        case ("GET", "snapshot"):
            let eventID = try await feed.newestID()
            let snapshot = await manager.currentSnapshot()
            let body = await snapshots.body(eventID: eventID, snapshot: snapshot, since: r.query["since"],
                                            runsAfter: r.query["runsAfter"].flatMap { Int64($0) },
                                            projectsAt: r.query["projectsAt"].flatMap { Int($0) })
            return TeamResponse(status: 200, contentType: "application/json", body: body)
        case ("GET", "events"):
            let after = Int64(r.headers["last-event-id"] ?? r.query["after"] ?? "") ?? 0
            // Without `wait`: one long-lived stream; with it: one batch (what is new, or nothing after `wait` s).
            guard r.query["wait"] != nil else { return .eventStream(feed: feed, after: after) }
            let wait = min(max(Double(r.query["wait"] ?? "15") ?? 15, 0), 60)
            let events = try await feed.events(after: after, wait: .milliseconds(Int(wait * 1000)))
            // A comment line when nothing is new, so an idle answer is still a valid (empty) event stream.
            return .text(events.isEmpty ? ": idle\n\n" : ServerSentEvents.render(events), contentType: "text/event-stream")
        case ("GET", "projects"): return .json(await manager.currentSnapshot().projects)
        case ("GET", "namespaces"):
            let all = await manager.currentSnapshot().namespaces
            guard let query = try Self.namespaceQuery(r.query) else { return .json(all) }
            return .json(query.apply(to: all))
        case ("GET", "clusters"): return .json(await manager.currentSnapshot().clusters)
        case ("GET", "freespace"):
            let snapshot = await manager.currentSnapshot()
            let top = try Self.count(r.query["top"], name: "top") ?? 20
            return .json(TeamWire.FreeSpace(rollup: FreeSpaceRollup(namespaces: snapshot.namespaces, top: top), clusters: snapshot.clusters))
        case ("GET", "history"):
            let q = r.query
            return .json(try await manager.history(projectID: q["project"] ?? "", cluster: q["cluster"] ?? "",
                                                   db: q["db"] ?? "", collection: q["collection"] ?? ""))
        case ("GET", "runs"): return .json(try await engine.runs())
        case ("GET", "runs/:id/log"):
            let log = try await manager.runLog(runID: id, after: Int64(r.query["after"] ?? "0") ?? 0)
            return .json(log.withWebhooksCut())
        case ("GET", "runs/:id/results"): return .json(try await engine.store.results(runID: id))
        case ("GET", "audit"): return .json(try await team.auditEntries())
        case ("POST", "imports/list"): return try await listImport(r, caller: caller)
        case ("POST", "imports"): return try await importProjects(r, caller: caller)
        case ("POST", "projects"):
            let body = try r.decode(TeamWire.AddProject.self)
            let runID = try await manager.addProject(projectID: body.projectID, publicKey: body.publicKey, privateKey: body.privateKey)
            try await record(caller, "projects.add", body.projectID)
            return .json(TeamWire.RunID(runID: runID), status: 202)
        case ("DELETE", "projects/:id"):
            try await manager.removeProject(projectID: id)
            try await record(caller, "projects.remove", id)
            return .json(TeamWire.OK())
        case ("POST", "sweeps"):
            let runID = try await manager.sweepNow()
            try await record(caller, "sweep", runID)
            return .json(TeamWire.RunID(runID: runID), status: 202)
        case ("POST", "runs"):
            let body = try r.decode(TeamWire.StartRun.self)
            let runID = try await engine.start(definition: body.definition, stepMode: body.stepMode)
            try await record(caller, "machines.run", "\(body.definition.name) \(runID)")
            return .json(TeamWire.RunID(runID: runID), status: 202)
        case ("POST", "runs/:id/approve"):
            try await engine.approve(runID: id, by: caller)
            try await record(caller, "runs.approve", id)
            return .json(TeamWire.OK())
        case ("POST", "runs/:id/cancel"):
            try await engine.cancel(runID: id, by: caller)
            try await record(caller, "runs.cancel", id)
            return .json(TeamWire.OK())
        case ("POST", "runs/:id/resume"):
            try await engine.resume(runID: id)
            try await record(caller, "runs.resume", id)
            return .json(TeamWire.OK())
        case ("POST", "runs/:id/retry"):
            let body = try r.decode(TeamWire.Retry.self)
            try await engine.retry(runID: id, job: body.job, by: caller)
            try await record(caller, "runs.retry", "\(id) \(body.job)")
            return .json(TeamWire.OK())
        default:
            throw TeamAPIError(404, "No route \(r.method) /\(s.joined(separator: "/")).")
        }
    }

    /// The route's shape with its one id cut out: `runs/r1/log` → ("runs/:id/log", "r1").
    static func routeKey(_ rest: [String]) -> (String, String) {
        if rest.count >= 2, rest[0] == "runs" || rest[0] == "projects" {
            return (([rest[0], ":id"] + rest.dropFirst(2)).joined(separator: "/"), rest[1])
        }
        return (rest.joined(separator: "/"), "")
    }

    /// 401 for a missing, unknown or revoked token; 403 when its role may not do this.
    private func authenticate(_ r: TeamRequest, needs role: TeamRole) async throws -> String {
        guard let token = r.bearer else {
            throw TeamAPIError(401, "no token: send Authorization: Bearer TOKEN (a token from `trotter tokens create` on the server)")
        }
        guard let caller = try await team.authenticate(token) else {
            throw TeamAPIError(401, "the token is unknown or revoked")
        }
        guard caller.role.allows(role) else {
            throw TeamAPIError(403, "token \"\(caller.name)\" is a \(caller.role.rawValue); \(r.method) /\(r.segments.joined(separator: "/")) needs an operator token")
        }
        return caller.name
    }

    func record(_ caller: String, _ action: String, _ target: String) async throws {
        try await team.audit(tokenName: caller, action: action, target: target)
    }

    /// A job's outcome from outside (a callback Lambda, an async http job): its attempt's task token is the
    /// authority, checked by the engine (wrong, reused or expired tokens are refused and change nothing).
    private func report(_ r: TeamRequest) async throws -> TeamResponse {
        let body = try r.decode(TeamWire.Report.self)
        guard body.status == "succeeded" || body.status == "failed" else {
            throw TeamAPIError(400, "status is \"succeeded\" or \"failed\", not \"\(body.status)\"")
        }
        do {
            try await engine.reportCallback(runID: body.runID, job: body.job, token: body.taskToken,
                                            succeeded: body.status == "succeeded", message: body.message)
        } catch let error as EngineError where error.code == .badToken {
            throw TeamAPIError(403, error.message)
        }
        try await record("task-token", "runs.report.\(body.status)", "\(body.runID) \(body.job)")
        return .json(TeamWire.OK())
    }
}
