import Foundation
import Testing
@testable import AtlasSandbox
@testable import DashboardModel
import Orchestration

/// The snapshot delta a server sends a remote dashboard: whatever happened between the data the dashboard has and
/// the server's, the delta applied to what the dashboard has gives the server's data, and it carries only the
/// projects that changed.
@Suite struct SnapshotDeltaTests {
    static func disk(_ project: String, _ cluster: String, free: Int64 = 5) -> ClusterDisk {
        ClusterDisk(projectID: "id-\(project)", projectName: project, cluster: cluster, diskTotalBytes: 100, diskUsedBytes: 100 - free,
                    diskFreeBytes: free, reusableFreeBytes: 1, sampledAt: Date(timeIntervalSince1970: 0))
    }

    /// The server's side: each new data goes through `record`, as the embedded manager's refresh does.
    struct Server {
        var snapshot = DashboardSnapshot()
        let instance = "server-a"
        /// The projects of recent versions, as the server's `SnapshotResponses` keeps them (the newest `keep`).
        var projectsByVersion: [Int: [ProjectSummary]] = [0: []]
        var keep = 1000
        mutating func change(onlyProjects: Set<String>? = nil, _ update: (inout DashboardSnapshot) -> Void) {
            let before = snapshot
            update(&snapshot)
            snapshot.version += 1
            snapshot.data.record(from: before, to: snapshot, onlyProjects: onlyProjects)
            projectsByVersion[snapshot.version] = snapshot.projects
            projectsByVersion.removeValue(forKey: snapshot.version - keep)
        }
        /// The log's seq, one order for every run, as the store's.
        var seq: Int64 = 0
        func answer(since: String?, runsAfter: Int64? = nil, projectsAt: Int? = nil) -> TeamWire.SnapshotAt {
            SnapshotDelta.answer(snapshot, eventID: Int64(snapshot.version), instance: instance, since: since, runsAfter: runsAfter,
                                 projectsAt: projectsAt, projectsThen: projectsAt.flatMap { projectsByVersion[$0] })
        }
        /// A project summary changes in place (a sweep's time, an onboarding's state).
        mutating func touch(_ id: String, error: String) {
            change { s in s.projects = s.projects.map { p in var p = p; if p.id == id { p.lastError = error }; return p } }
        }
        /// Runs move as the manager's refresh merges them: `ids` each get a new event (new runs go first).
        mutating func runEvents(_ ids: [String]) {
            let moved = ids.map { id -> RunSummary in
                seq += 1
                return RunSummary(id: id, machine: "m", status: "running", currentPhase: "p\(seq)", startedAt: nil, endedAt: nil,
                                  stepMode: false, lastSeq: seq)
            }
            change { $0.runs = RunSummary.merging(moved, into: $0.runs) }
        }
    }

    /// The dashboard's side, as the remote feed keeps it.
    struct Client {
        var snapshot: DashboardSnapshot?
        var tag: String?
        var rowsReceived = 0
        var runsReceived = 0
        var projectsReceived = 0
        mutating func follow(_ server: Server) throws {
            let answer = server.answer(since: tag, runsAfter: snapshot.map(SnapshotDelta.runsAfter), projectsAt: snapshot?.version)
            rowsReceived += answer.snapshot.namespaces.count
            runsReceived += answer.snapshot.runs.count
            projectsReceived += answer.snapshot.projects.count
            let applied: DashboardSnapshot? = SnapshotDelta.apply(answer, to: snapshot, previousTag: tag)
            guard let applied else { throw DeltaRefused() }
            snapshot = applied
            tag = answer.dataTag
        }
    }

    static func same(_ a: DashboardSnapshot?, _ b: DashboardSnapshot) -> Bool {
        Set(a?.namespaces ?? []) == Set(b.namespaces) && Set(a?.clusters ?? []) == Set(b.clusters)
            && a?.namespaces.count == b.namespaces.count && a?.clusters.count == b.clusters.count && a?.runs == b.runs
            && a?.projects == b.projects
    }

    static func project(_ n: Int) -> ProjectSummary {
        ProjectSummary(id: "id-p\(n)", name: "p\(n)", state: .ready, clusterCount: 1, workerAppID: nil, onboardingRunID: nil,
                       lastSweep: nil, lastError: nil)
    }

    @Test func aRunsChangeCarriesNoNamespacesAndAnOnboardingOnlyItsProjects() throws {
        var server = Server(), client = Client()
        server.change { s in
            s.namespaces = (0..<50).map { ns("alpha", "C0", "db", "c\($0)") } + (0..<50).map { ns("beta", "C0", "db", "c\($0)") }
            s.clusters = [Self.disk("alpha", "C0"), Self.disk("beta", "C0")]
        }
        try client.follow(server)
        #expect(client.rowsReceived == 100, "the first answer is whole")

        server.change { $0.runs = [RunSummary(id: "r1", machine: "m", status: "running", currentPhase: nil, startedAt: nil, endedAt: nil, stepMode: false, lastSeq: 1)] }
        let answer = server.answer(since: client.tag)
        #expect(answer.unchanged == [] && answer.snapshot.namespaces.isEmpty && answer.snapshot.clusters.isEmpty,
                "nothing to send, not even the list of the projects kept")
        try client.follow(server)
        #expect(client.rowsReceived == 100, "a runs change sends no namespace")
        #expect(Self.same(client.snapshot, server.snapshot))

        server.change(onlyProjects: ["id-gamma"]) { s in s.namespaces += (0..<3).map { ns("gamma", "C0", "db", "c\($0)") } }
        try client.follow(server)
        #expect(client.rowsReceived == 103, "an onboarding sends its own project's rows only")
        #expect(Self.same(client.snapshot, server.snapshot))

        // A sweep changes one project's numbers: only that project again.
        server.change { s in s.namespaces = s.namespaces.map { n in var n = n; if n.projectID == "id-beta" { n.storageSize += 1 }; return n } }
        try client.follow(server)
        #expect(client.rowsReceived == 153)
        #expect(Self.same(client.snapshot, server.snapshot))

        // A removed project's rows go.
        server.change { s in s.namespaces.removeAll { $0.projectID == "id-alpha" }; s.clusters.removeAll { $0.projectID == "id-alpha" } }
        try client.follow(server)
        #expect(client.rowsReceived == 153)
        #expect(Self.same(client.snapshot, server.snapshot))
        #expect(client.snapshot?.namespaces.contains { $0.projectID == "id-alpha" } == false)
    }

    @Test func aRunsEventSendsOnlyTheRunsThatMoved() throws {
        var server = Server(), client = Client()
        server.runEvents((0..<200).map { "onboard-\($0)" })
        try client.follow(server)
        #expect(client.runsReceived == 200, "the first answer is whole")
        server.runEvents(["sweep-1"])
        try client.follow(server)
        #expect(client.runsReceived == 201, "a new run: that run alone")
        server.runEvents(["sweep-1", "onboard-7"])
        try client.follow(server)
        #expect(client.runsReceived == 203, "two runs moved: those two")
        #expect(Self.same(client.snapshot, server.snapshot))
        #expect(client.snapshot?.runs.first { $0.id == "onboard-7" }?.lastSeq == server.seq)
        // Nothing moved: no run at all; an answer without runsAfter (an older client) has them all.
        server.change { $0.lastError = "x" }
        try client.follow(server)
        #expect(client.runsReceived == 203 && Self.same(client.snapshot, server.snapshot))
        #expect(server.answer(since: client.tag).snapshot.runs.count == 201)
        // A run without events yet goes every time until it has one.
        server.change { $0.runs.insert(RunSummary(id: "fresh", machine: "m", status: "pending", currentPhase: nil, startedAt: nil,
                                                  endedAt: nil, stepMode: false, lastSeq: 0), at: 0) }
        try client.follow(server)
        try client.follow(server)
        #expect(client.runsReceived == 205 && Self.same(client.snapshot, server.snapshot))
    }

    @Test func aProjectsChangeSendsOnlyTheProjectsThatChanged() throws {
        var server = Server(), client = Client()
        server.change { $0.projects = (0..<200).map(Self.project) }
        try client.follow(server)
        #expect(client.projectsReceived == 200, "the first answer is whole")
        server.runEvents(["sweep-1"])
        try client.follow(server)
        #expect(client.projectsReceived == 200, "a run's event sends no project")
        server.touch("id-p7", error: "401 from Atlas")
        server.touch("id-p9", error: "429 from Atlas")
        try client.follow(server)
        #expect(client.projectsReceived == 202, "two changed: those two, in place")
        #expect(Self.same(client.snapshot, server.snapshot))
        // A project added, removed or moved: the whole list says so.
        server.change { $0.projects.insert(Self.project(500), at: 3) }
        try client.follow(server)
        #expect(client.projectsReceived == 403 && Self.same(client.snapshot, server.snapshot))
        server.change { $0.projects.removeLast() }
        try client.follow(server)
        #expect(client.projectsReceived == 603 && Self.same(client.snapshot, server.snapshot))
        // A version the server no longer has (a slow client) gets them all; so does an older client.
        server.keep = 2
        for n in 0..<3 { server.touch("id-p\(n)", error: "e\(n)") }
        try client.follow(server)
        #expect(client.projectsReceived == 803 && Self.same(client.snapshot, server.snapshot))
        #expect(server.answer(since: client.tag).snapshot.projects.count == 200)
    }

    @Test func aTagFromAnotherServerOrAFutureCountGetsTheWholeSnapshot() {
        var server = Server()
        server.change { $0.namespaces = [ns("alpha", "C0", "db", "c")] }
        for since in ["server-b:1", "server-a:9", "server-a", "garbage", ""] {
            let answer = server.answer(since: since)
            #expect(answer.unchanged == nil && answer.snapshot.namespaces.count == 1, "since \(since)")
        }
        #expect(SnapshotDelta.apply(server.answer(since: "server-a:0"), to: nil, previousTag: nil) == nil,
                "a delta with nothing to apply it to is refused, not taken as the whole")
    }

    /// Random histories of onboardings, sweeps, cluster changes, removals, project changes and run events, followed at random
    /// moments: the dashboard's data is always the server's.
    @Test func anyHistoryFollowedAtAnyMomentEndsWithTheServersData() throws {
        var rng = SplitMix64(seed: 42)
        for _ in 0..<40 {
            var server = Server(), client = Client()
            for _ in 0..<30 {
                let project = "p\(Int.random(in: 0..<6, using: &rng))"
                switch Int.random(in: 0..<8, using: &rng) {
                case 0:
                    server.change(onlyProjects: ["id-\(project)"]) { s in
                        s.namespaces.removeAll { $0.projectID == "id-\(project)" }
                        s.namespaces += (0..<Int.random(in: 0..<4, using: &rng)).map { ns(project, "C0", "db", "c\($0)") }
                    }
                case 1:
                    server.change { s in
                        s.namespaces = s.namespaces.map { n in var n = n; if Bool.random(using: &rng) { n.count += 1 }; return n }
                    }
                case 2:
                    server.change { s in
                        s.clusters.removeAll { $0.projectID == "id-\(project)" }
                        if Bool.random(using: &rng) { s.clusters.append(Self.disk(project, "C0", free: Int64.random(in: 0..<9, using: &rng))) }
                    }
                case 3:
                    server.change { s in s.namespaces.removeAll { $0.projectID == "id-\(project)" }; s.clusters.removeAll { $0.projectID == "id-\(project)" } }
                case 4:
                    server.change { $0.lastError = "x" }
                case 5:
                    let id = "id-\(project)"
                    if server.snapshot.projects.contains(where: { $0.id == id }) {
                        server.touch(id, error: "e\(Int.random(in: 0..<3, using: &rng))")
                    }
                case 6:
                    let n = Int.random(in: 0..<6, using: &rng)
                    server.change { s in
                        if let at = s.projects.firstIndex(where: { $0.id == "id-p\(n)" }) { s.projects.remove(at: at) }
                        else { s.projects.insert(Self.project(n), at: Int.random(in: 0...s.projects.count, using: &rng)) }
                    }
                default:
                    server.runEvents((0..<Int.random(in: 1..<4, using: &rng)).map { _ in "r\(Int.random(in: 0..<8, using: &rng))" })
                }
                if Bool.random(using: &rng) {
                    try client.follow(server)
                    #expect(Self.same(client.snapshot, server.snapshot))
                }
            }
            try client.follow(server)
            #expect(Self.same(client.snapshot, server.snapshot))
        }
    }
}

/// A delta the client could not apply (no previous snapshot).
struct DeltaRefused: Error {}
