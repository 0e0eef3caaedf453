import DashboardModel
import Foundation
import Orchestration

/// ``ManagerService`` over a `trotter serve`: what the embedded manager does, asked of the server over JSON.
/// Its snapshot feed follows the server's change stream and, when the server cannot be reached, keeps the last
/// data with `lastError` saying so (the dashboard's header shows it).
public final class RemoteManager: ManagerService {
    public let client: RemoteClient
    private let feed = RemoteFeedState()

    public init(client: RemoteClient) { self.client = client }

    /// The change-event ids the snapshot feed has applied, in order.
    public func seenEventIDs() async -> [Int64] { await feed.eventIDs }

    /// How many of the feed's snapshot answers were deltas, and the namespace, run and project rows all of them carried.
    public func feedTraffic() async -> (deltas: Int, namespaceRows: Int, runRows: Int, projectRows: Int) {
        (await feed.deltas, await feed.namespaceRowsReceived, await feed.runRowsReceived, await feed.projectRowsReceived)
    }

    public func snapshots() -> AsyncStream<DashboardSnapshot> {
        let (stream, continuation) = AsyncStream.makeStream(of: DashboardSnapshot.self, bufferingPolicy: .bufferingNewest(1))
        let task = Task { [client, feed] in await RemoteFeed(client: client, state: feed).follow(continuation) }
        continuation.onTermination = { _ in task.cancel() }
        return stream
    }

    public func currentSnapshot() async -> DashboardSnapshot {
        do {
            let at = try await client.get(TeamWire.SnapshotAt.self, "/v1/snapshot")
            return at.snapshot
        } catch {
            var s = await feed.last ?? .empty
            s.lastError = "\(error)"
            return s
        }
    }

    /// The snapshot, or the server's refusal (for the CLI, which must say 401/403 and exit 1).
    public func fetchSnapshot() async throws -> DashboardSnapshot {
        try await client.get(TeamWire.SnapshotAt.self, "/v1/snapshot").snapshot
    }

    /// Only what a command prints: the whole snapshot of a large organisation (2,000 projects, 300,000
    /// namespaces) is a hundred megabytes, the projects alone a few hundred kilobytes.
    public func fetchProjects() async throws -> [ProjectSummary] { try await client.get([ProjectSummary].self, "/v1/projects") }
    /// Every namespace, or (with a query) the rows it selects, filtered, sorted and cut on the server.
    public func fetchNamespaces(_ query: NamespaceQuery? = nil) async throws -> [NamespaceStats] {
        guard let query else { return try await client.get([NamespaceStats].self, "/v1/namespaces") }
        var items = [("sort", query.sort.rawValue), ("order", query.descending ? "desc" : "asc"), ("filter", query.filter)]
        if let limit = query.limit { items.append(("limit", String(limit))) }
        let q = items.map { "\($0.0)=\(RemoteClient.escape($0.1))" }.joined(separator: "&")
        return try await client.get([NamespaceStats].self, "/v1/namespaces?\(q)")
    }
    /// The free-storage rollup, made on the server from every namespace (`top` compact candidates).
    public func fetchFreeSpace(top: Int = 20) async throws -> TeamWire.FreeSpace {
        try await client.get(TeamWire.FreeSpace.self, "/v1/freespace?top=\(top)")
    }

    public func addProject(projectID: String, publicKey: String, privateKey: String) async throws -> String {
        try await client.send(TeamWire.RunID.self, .post, "/v1/projects",
                              body: TeamWire.AddProject(projectID: projectID, publicKey: publicKey, privateKey: privateKey)).runID
    }

    public func removeProject(projectID: String) async throws {
        _ = try await client.call(.delete, "/v1/projects/\(RemoteClient.escape(projectID))")
    }

    public func listImport(_ key: ImportKey, match: String?) async throws -> ImportListing {
        try await client.send(ImportListing.self, .post, "/v1/imports/list", body: TeamWire.ImportList(key: key, match: match))
    }

    /// The server lists again and imports what is in both its listing and this one (see ``TeamWire/Import``).
    public func importProjects(_ key: ImportKey, listing: ImportListing, chosen: Set<String>?,
                               onOutcome: @escaping @Sendable (ImportOutcome) -> Void) async throws -> [ImportOutcome] {
        let ids = listing.candidates.map(\.id).filter { chosen?.contains($0) ?? true }
        return try await client.importStream(TeamWire.Import(key: key, chosen: ids, gone: listing.gone.map(\.id)), onOutcome: onOutcome)
    }

    public func sweepNow() async throws -> String {
        try await client.send(TeamWire.RunID.self, .post, "/v1/sweeps").runID
    }

    public func runLog(runID: String, after seq: Int64) async throws -> RunLog {
        try await client.get(RunLog.self, "/v1/runs/\(RemoteClient.escape(runID))/log?after=\(seq)")
    }

    /// A run's kept job results (whole Lambda answers, up to 256 KB each), for `runs show`.
    public func results(runID: String) async throws -> [JobResult] {
        try await client.get([JobResult].self, "/v1/runs/\(RemoteClient.escape(runID))/results")
    }

    public func approve(runID: String) async throws { try await action(runID, "approve") }
    public func cancel(runID: String) async throws { try await action(runID, "cancel") }
    public func resume(runID: String) async throws { try await action(runID, "resume") }
    public func retry(runID: String, job: String) async throws {
        _ = try await client.call(.post, "/v1/runs/\(RemoteClient.escape(runID))/retry", body: TeamWire.Retry(job: job))
    }

    private func action(_ runID: String, _ verb: String) async throws {
        _ = try await client.call(.post, "/v1/runs/\(RemoteClient.escape(runID))/\(verb)")
    }

    public func startRun(_ definition: MachineDefinition, stepMode: Bool?) async throws -> String {
        try await client.send(TeamWire.RunID.self, .post, "/v1/runs", body: TeamWire.StartRun(definition: definition, stepMode: stepMode)).runID
    }

    public func runs() async throws -> [RunSummary] { try await client.get([RunSummary].self, "/v1/runs") }

    public func report(_ report: TeamWire.Report) async throws {
        _ = try await client.call(.post, "/v1/reports", body: report)
    }

    public func audit() async throws -> [AuditEntry] { try await client.get([AuditEntry].self, "/v1/audit") }

    public func history(projectID: String, cluster: String, db: String, collection: String) async throws -> [NamespaceSample] {
        let q = [("project", projectID), ("cluster", cluster), ("db", db), ("collection", collection)]
            .map { "\($0.0)=\(RemoteClient.escape($0.1))" }.joined(separator: "&")
        return try await client.get([NamespaceSample].self, "/v1/history?\(q)")
    }

    /// Polls a run's log until it ends, handing each new event to `onEvent`; returns the final log.
    public func follow(runID: String, every interval: Duration = .milliseconds(250),
                       onEvent: (StatusEvent) -> Void = { _ in }) async throws -> RunState {
        var log = try await runLog(runID: runID, after: 0)
        log.events.forEach(onEvent)
        while true {
            let state = log.inspector().state(at: log.events.count)
            if state.status.isFinished { return state }
            try await Task.sleep(for: interval)
            let more = try await runLog(runID: runID, after: log.events.last?.seq ?? 0)
            more.events.forEach(onEvent)
            log.events += more.events
        }
    }
}

/// The last snapshot the feed delivered, kept for when the server is unreachable.
actor RemoteFeedState {
    var last: DashboardSnapshot?
    /// Every change-event id the feed has applied, in order (tests check: no gap, no duplicate).
    private(set) var eventIDs: [Int64] = []
    /// How many snapshot answers were deltas, and how many namespace rows all answers carried (tests check that
    /// a run's event does not send the namespaces again).
    private(set) var deltas = 0
    private(set) var namespaceRowsReceived = 0
    private(set) var runRowsReceived = 0
    private(set) var projectRowsReceived = 0
    func keep(_ s: DashboardSnapshot) { last = s }
    func saw(_ ids: [Int64]) { eventIDs += ids }
    func received(_ answer: TeamWire.SnapshotAt) {
        if answer.unchanged != nil { deltas += 1 }
        namespaceRowsReceived += answer.snapshot.namespaces.count
        runRowsReceived += answer.snapshot.runs.count
        projectRowsReceived += answer.snapshot.projects.count
    }
}

/// Follows the server's change stream: a snapshot, then ONE long-lived event stream from its id; on each batch of
/// new events a fresh snapshot, asked as a delta from the data it has (`?since=` its tag, `runsAfter=` its newest
/// run seq, `projectsAt=` its snapshot's version), so a run's event costs the runs that moved, not the
/// organisation's namespaces, projects and every run. After a
/// disconnect or a server restart the stream is opened again with the last id it delivered (`Last-Event-ID`), so
/// every event id is seen once, in order.
struct RemoteFeed {
    let client: RemoteClient
    let state: RemoteFeedState

    func follow(_ out: AsyncStream<DashboardSnapshot>.Continuation) async {
        var lastID: Int64?
        /// The newest event id the last snapshot fetched already reflects: batches up to it need no new fetch.
        var coveredID: Int64 = 0
        var version = 0
        var downSince: Date?
        /// The data the last snapshot holds, and its tag.
        var data: (snapshot: DashboardSnapshot, tag: String)?
        func fetch() async throws -> TeamWire.SnapshotAt {
            let since = data.map {
                "?since=\(RemoteClient.escape($0.tag))&runsAfter=\(SnapshotDelta.runsAfter($0.snapshot))&projectsAt=\($0.snapshot.version)"
            } ?? ""
            let answer = try await client.get(TeamWire.SnapshotAt.self, "/v1/snapshot" + since)
            await state.received(answer)
            guard let s = SnapshotDelta.apply(answer, to: data?.snapshot, previousTag: data?.tag) else {
                // A delta with nothing to apply it to cannot happen (no tag, no delta); ask for the whole.
                data = nil
                return try await fetch()
            }
            data = answer.dataTag.map { (s, $0) }
            return TeamWire.SnapshotAt(eventID: answer.eventID, snapshot: s)
        }
        func publish(_ at: TeamWire.SnapshotAt) async {
            coveredID = max(coveredID, at.eventID)
            version += 1
            var s = at.snapshot
            s.version = version
            await state.keep(s)
            out.yield(s)
        }
        while !Task.isCancelled {
            do {
                if lastID == nil {
                    let at = try await fetch()
                    lastID = at.eventID
                    await publish(at)
                }
                for try await batch in client.eventStream(after: lastID ?? 0) {
                    if downSince != nil {
                        // Back after an outage: show the server's state now, not the last data with a warning.
                        downSince = nil
                        await publish(try await fetch())
                    }
                    guard let newest = batch.last?.id else { continue }
                    await state.saw(batch.map(\.id))
                    lastID = newest
                    if newest > coveredID { await publish(try await fetch()) }
                }
                throw RemoteError.unreachable("\(client.target.baseURL): the change stream ended")
            } catch {
                if Task.isCancelled || error is CancellationError { return }
                let since = downSince ?? Date()
                downSince = since
                version += 1
                var s = await state.last ?? .empty
                s.version = version
                s.unreachableSince = since
                s.lastError = "Manager server \(client.target.baseURL) unreachable since \(since.formatted(date: .omitted, time: .standard)); "
                    + "showing the last data. (\(Self.reason(error)))"
                out.yield(s)
                try? await Task.sleep(for: .seconds(1))
            }
        }
    }

    static func reason(_ error: any Error) -> String {
        if case RemoteError.unreachable = error { return "no answer" }
        return "\(error)"
    }
}
