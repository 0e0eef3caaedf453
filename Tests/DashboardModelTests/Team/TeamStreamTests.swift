import Foundation
import Testing
@testable import DashboardModel
@testable import Manager
@testable import Orchestration
@testable import TeamClient

/// The remote dashboard's feed: a change reaches it within a second, it says so when the server is gone while
/// keeping the last data, and after a server restart it resumes from its last event id with no gap or duplicate.
@Suite(.serialized) struct TeamStreamTests {
    actor Seen {
        var snapshots: [DashboardSnapshot] = []
        func add(_ s: DashboardSnapshot) { snapshots.append(s) }
        var last: DashboardSnapshot? { snapshots.last }
    }

    @Test func theFeedResumesAfterARestartWithNoGapAndNoDuplicate() async throws {
        let h = try await TeamHarness.start()
        let token = try await h.team.createToken(name: "ops", role: .operator)
        let remote = h.client(token)
        let seen = Seen()
        let follower = Task { for await s in remote.snapshots() { await seen.add(s) } }
        defer { follower.cancel() }
        #expect(try await eventually { await seen.last != nil })

        let definition = try MachineDefinition.parse(json: TeamAPITests.quick)
        let first = try await remote.startRun(definition, stepMode: true)
        let started = ContinuousClock.now  // the change is made once the POST has answered
        #expect(try await eventually { await seen.last?.runs.contains { $0.id == first } == true })
        let latency = ContinuousClock.now - started
        // The target is one second; the bound is three because the whole suite shares two cores with this test
        // (alone it measures 0.13 s; under the full parallel suite 1.28 s was seen once, 2.2 s once on PostgreSQL).
        // TeamLiveStreamTests holds the median of several changes to one second.
        #expect(latency < .seconds(3), "the change took \(latency) to reach the feed")

        await h.stopServer()
        #expect(try await eventually { await seen.last?.lastError?.contains("unreachable") == true })
        #expect(await seen.last?.runs.map(\.id) == [first], "the last data stays on screen")
        #expect(await seen.last?.unreachableSince != nil)

        let h2 = try await h.restarted()
        defer { Task { await h2.stop() } }
        #expect(try await eventually { let s = await seen.last; return s?.lastError == nil && s?.unreachableSince == nil })
        try await remote.approve(runID: first)
        #expect(try await eventually { await seen.last?.runs.first { $0.id == first }?.status == "succeeded" })

        let ids = await remote.seenEventIDs()
        #expect(ids.count >= 3)
        #expect(ids == Array((ids.first ?? 0)...(ids.last ?? 0)), "event ids \(ids) have a gap or a duplicate")
        // The ids go on across the restart (the restart's own "start" event is among them).
        let stored = try await h2.team.events(after: 0).map(\.id)
        #expect(Set(ids).isSubset(of: Set(stored)))
    }

    @Test func theStreamIsServerSentEvents() async throws {
        let h = try await TeamHarness.start()
        defer { Task { await h.stop() } }
        let token = try await h.team.createToken(name: "viewer", role: .viewer)
        let client = RemoteClient(target: RemoteTarget(baseURL: h.baseURL, token: token), http: TeamHarness.clientHTTP)
        let text = String(decoding: try await client.call(.get, "/v1/events?wait=0", headers: [("Last-Event-ID", "0")]), as: UTF8.self)
        #expect(text.hasPrefix("id: 1\nevent: start\n"))
        let empty = try await client.events(after: 1_000_000, wait: 0)
        #expect(empty.isEmpty)
    }

    @Test func serverSentEventsParseAsTheFormatSays() {
        let text = ": comment\r\nid: 7\r\nevent: snapshot\r\ndata: {}\r\n\r\nid:8\nevent:start\n\nid: x\n\n"
        #expect(ServerSentEvents.parse(text) == [TeamEvent(id: 7, kind: "snapshot"), TeamEvent(id: 8, kind: "start")])
        let events = [TeamEvent(id: 3, kind: "snapshot")]
        #expect(ServerSentEvents.parse(ServerSentEvents.render(events)) == events)
    }
}
